package cli

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
)

// NDJSON is validated on every core: a reader cuts the input into batches of
// lines, workers validate and render them, and the results are written in
// input order. A fixed set of batches circulates, so memory stays bounded
// however large the input is: about (batchesPerWorker*workers+1) batches of
// batchBytes, plus the longest line kept (the size cap).
const (
	batchBytes       = 256 << 10
	batchLines       = 1024
	batchesPerWorker = 2
)

// batch is a run of consecutive lines and, once validated, their output.
type batch struct {
	tally
	seq     int
	buf     []byte   // the lines' bytes
	spans   [][2]int // each payload's start and end in buf
	numbers []int    // each payload's line number
	out     []byte   // rendered results
}

func (b *batch) reset(seq int) {
	b.seq, b.buf, b.spans, b.numbers, b.out = seq, b.buf[:0], b.spans[:0], b.numbers[:0], b.out[:0]
	b.tally = tally{}
}

func (b *batch) full() bool { return len(b.buf) >= batchBytes || len(b.spans) >= batchLines }

// readResult is how many batches the reader sent and how many payloads
// they held, and why it stopped.
type readResult struct {
	batches, payloads int
	err               error
}

// lines validates each non-blank line of in and writes the results in order.
// An input with no payload at all is reported as empty, like an empty file.
func (r *reporter) lines(name string, in io.Reader) error {
	workers := runtime.GOMAXPROCS(0)
	free := make(chan *batch, batchesPerWorker*workers+1)
	for range cap(free) {
		free <- new(batch)
	}
	todo, done := make(chan *batch), make(chan *batch, cap(free))
	for range workers {
		go func() {
			for b := range todo {
				r.validateBatch(name, b)
				done <- b
			}
		}()
	}
	read := make(chan readResult, 1)
	go func() {
		res := r.readBatches(in, free, todo)
		close(todo)
		read <- res
	}()

	pending := map[int]*batch{}
	next := 0
	var res *readResult
	for res == nil || next < res.batches {
		select {
		case b := <-done:
			pending[b.seq] = b
			for b, ok := pending[next]; ok; b, ok = pending[next] {
				delete(pending, next)
				r.writeResults(b.out)
				r.valid, r.invalid = r.valid+b.valid, r.invalid+b.invalid
				free <- b
				next++
			}
		case got := <-read:
			res = &got
		}
	}
	if res.payloads == 0 && res.err == nil {
		r.report(outcome{source: name, err: r.v.Validate(nil)})
	}
	return res.err
}

// readBatches fills batches from free with the non-blank lines of in and
// sends them to todo. Of a line longer than the cap it keeps only the
// first cap+1 bytes, enough for Validate to report the limit.
func (r *reporter) readBatches(in io.Reader, free <-chan *batch, todo chan<- *batch) readResult {
	keep := r.v.Options().MaxBytes + 1 + len("\r\n")
	br := bufio.NewReaderSize(in, 64<<10)
	var res readResult
	b := <-free
	b.reset(0)
	send := func() {
		todo <- b
		res.batches++
	}
	for number := 1; ; number++ {
		start, total := len(b.buf), 0
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			total += len(chunk)
			if room := start + keep - len(b.buf); room > 0 {
				b.buf = append(b.buf, chunk[:min(room, len(chunk))]...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			send()
			res.err = unwrapPath(err)
			return res
		}
		cut := total > keep
		if !cut {
			b.buf = trimTerminator(b.buf)
		}
		if !cut && blank(b.buf[start:]) {
			b.buf = b.buf[:start]
		} else {
			b.spans = append(b.spans, [2]int{start, len(b.buf)})
			b.numbers = append(b.numbers, number)
			res.payloads++
		}
		if err == io.EOF {
			send()
			return res
		}
		if b.full() {
			send()
			if r.failed.Load() {
				return res // no result can be written any more
			}
			b = <-free
			b.reset(res.batches)
		}
	}
}

// trimTerminator drops the line terminator that ends b, "\n" or "\r\n": it
// frames the payload, so it does not count toward the size cap, as
// authlink.Options.MaxBytes says. A lone "\r" at the end of the input is
// white space of the payload, and counts, as in a file or an HTTP body.
func trimTerminator(b []byte) []byte {
	if line, ok := bytes.CutSuffix(b, []byte("\n")); ok {
		return bytes.TrimSuffix(line, []byte("\r"))
	}
	return b
}

// blank reports whether a line holds only JSON white space (a line of, say,
// form feeds is a payload, and a malformed one).
func blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

func (r *reporter) validateBatch(name string, b *batch) {
	for i, span := range b.spans {
		err := r.v.Validate(b.buf[span[0]:span[1]])
		b.add(err)
		b.out = r.format.result(b.out, outcome{source: name, line: b.numbers[i], err: err})
	}
}
