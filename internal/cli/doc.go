// Package cli is the authlink command: cmd/authlink's main only calls Main,
// and its documentation describes the commands.
//
// The command and its tests live here, not in package main, so that
// cmd/authlink stays a few lines. The CLI is not built with a PGO profile by
// default: go applies a main package's default.pgo to every package of its
// build, the standard library included, so go test ./... compiled all of it
// a second time. bench/pgo.sh records a profile to build with by hand (go
// build -pgo=bench/authlink.pgo ./cmd/authlink).
package cli
