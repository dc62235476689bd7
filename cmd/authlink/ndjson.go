package main

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
	seq            int
	buf            []byte   // the lines' bytes
	spans          [][2]int // each payload's start and end in buf
	numbers        []int    // each payload's line number
	out            []byte   // rendered results
	valid, invalid int
}

func (b *batch) reset(seq int) {
	b.seq, b.buf, b.spans, b.numbers, b.out = seq, b.buf[:0], b.spans[:0], b.numbers[:0], b.out[:0]
	b.valid, b.invalid = 0, 0
}

func (b *batch) full() bool { return len(b.buf) >= batchBytes || len(b.spans) >= batchLines }

// readResult is how many batches the reader sent, and why it stopped.
type readResult struct {
	batches int
	err     error
}

// lines validates each non-blank line of in and writes the results in order.
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
		n, err := r.readBatches(in, free, todo)
		close(todo)
		read <- readResult{n, err}
	}()

	pending := map[int]*batch{}
	next, total := 0, -1
	var err error
	for total < 0 || next < total {
		select {
		case b := <-done:
			pending[b.seq] = b
			for b, ok := pending[next]; ok; b, ok = pending[next] {
				delete(pending, next)
				r.out.Write(b.out)
				r.valid += b.valid
				r.invalid += b.invalid
				free <- b
				next++
			}
		case res := <-read:
			total, err = res.batches, res.err
		}
	}
	return err
}

// readBatches fills batches from free with the non-blank lines of in and
// sends them to todo; it returns how many it sent.
func (r *reporter) readBatches(in io.Reader, free <-chan *batch, todo chan<- *batch) (int, error) {
	keep := r.v.Options().MaxBytes + 2 // the cap, one byte past it, and "\r" before "\n"
	br := bufio.NewReaderSize(in, 64<<10)
	sent := 0
	b := <-free
	b.reset(sent)
	for number := 1; ; number++ {
		start := len(b.buf)
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if room := start + keep - len(b.buf); room > 0 {
				b.buf = append(b.buf, chunk[:min(room, len(chunk))]...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			todo <- b
			return sent + 1, unwrapPath(err)
		}
		payload := bytes.TrimRight(b.buf[start:], "\r\n")
		if len(bytes.TrimSpace(payload)) == 0 {
			b.buf = b.buf[:start]
		} else {
			b.buf = b.buf[:start+len(payload)]
			b.spans = append(b.spans, [2]int{start, len(b.buf)})
			b.numbers = append(b.numbers, number)
		}
		if err == io.EOF {
			todo <- b
			return sent + 1, nil
		}
		if b.full() {
			todo <- b
			sent++
			b = <-free
			b.reset(sent)
		}
	}
}

func (r *reporter) validateBatch(name string, b *batch) {
	for i, span := range b.spans {
		err := r.v.Validate(b.buf[span[0]:span[1]])
		if err == nil {
			b.valid++
		} else {
			b.invalid++
		}
		b.out = render(b.out, r.cfg.format, name, b.numbers[i], err)
	}
}
