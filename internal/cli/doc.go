// Package cli is the authlink command: cmd/authlink's main only calls Main,
// and its documentation describes the commands.
//
// The command and its tests live here, not in package main, so that no test
// binary is built with cmd/authlink/default.pgo: go applies a main
// package's profile to every package of its build, the standard library
// included, so the test binary and all it imports were compiled a second
// time. go test ./... still compiles cmd/authlink itself with the profile,
// as go build does, and installed binaries keep the profile-guided build.
package cli
