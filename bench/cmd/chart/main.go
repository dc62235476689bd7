// Command chart draws the peers' results of one bench/run.sh as an SVG bar
// chart: for the api profile's valid and invalid payloads, the median
// ns/op of every implementation on a log scale, labelled with its ratio to
// encoding/json.Unmarshal measured in the same run.
//
//	go test -run '^$' -bench '^BenchmarkCheck$' -count 5 . > peers.txt
//	go run ./cmd/chart -o chart.svg peers.txt
package main

import (
	"cmp"
	"flag"
	"fmt"
	"image/color"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/bench"
	"github.com/authlink-go/authlink/bench/internal/results"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Bar colours: authlink, the peers that apply the rules, the peers that
// only read the bytes.
var (
	colorAuthlink = color.RGBA{R: 0x1f, G: 0x6f, B: 0xb4, A: 0xff}
	colorRules    = color.RGBA{R: 0xe0, G: 0x8a, B: 0x2c, A: 0xff}
	colorReads    = color.RGBA{R: 0xa8, G: 0xa8, B: 0xa8, A: 0xff}
)

// peer is one bar: an implementation of the bench package and its times.
type peer struct {
	impl bench.Impl
	ns   map[string]float64 // payload -> median ns/op
}

func main() {
	out := flag.String("o", "chart.svg", "SVG file to write")
	base := flag.String("base", "stdlib", "implementation the ratios are taken to")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: chart [-o chart.svg] [-base stdlib] peers.txt")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *base); err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
}

func run(in, out, base string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := results.Read(f, in)
	if err != nil {
		return err
	}
	impls, err := bench.Impls(authlink.ProfileAPI)
	if err != nil {
		return err
	}
	payloads := []string{"valid", "invalid"}
	var peers []peer
	for _, impl := range impls {
		p := peer{impl: impl, ns: map[string]float64{}}
		for _, payload := range payloads {
			k := results.Key{Impl: impl.Name, Payload: payload}
			if !res.Has(k) {
				return fmt.Errorf("%s has no result for %s on the %s payload", in, impl.Name, payload)
			}
			p.ns[payload] = res.Median(k, "sec/op") * 1e9
		}
		peers = append(peers, p)
	}
	// Fastest on top: the nominal axis counts from the bottom.
	slices.SortFunc(peers, func(a, b peer) int {
		return cmp.Compare(b.ns["valid"], a.ns["valid"])
	})
	baseIdx := slices.IndexFunc(peers, func(p peer) bool { return p.impl.Name == base })
	if baseIdx < 0 {
		return fmt.Errorf("%s has no result for the base %s", in, base)
	}

	plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	plotter.DefaultFont = plot.DefaultFont
	rows := make([][]*plot.Plot, len(payloads))
	for i, payload := range payloads {
		p, err := panel(peers, payload, baseIdx, i == 0, res.CPU)
		if err != nil {
			return err
		}
		rows[i] = []*plot.Plot{p}
	}
	w, h := 9*vg.Inch, vg.Length(len(peers))*0.5*vg.Inch+1.6*vg.Inch
	c := vgsvg.New(w, h)
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: len(rows), Cols: 1, PadY: vg.Centimeter / 2, PadTop: vg.Millimeter, PadBottom: vg.Millimeter, PadLeft: 2 * vg.Millimeter}
	for i, cs := range plot.Align(rows, tiles, dc) {
		rows[i][0].Draw(cs[0])
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(o); err != nil {
		o.Close()
		return err
	}
	return o.Close()
}

// panel draws one payload's bars; the first panel carries the title and
// the legend.
func panel(peers []peer, payload string, baseIdx int, first bool, cpu string) (*plot.Plot, error) {
	p := plot.New()
	if first {
		p.Title.Text = "authlink and its peers on the api profile's typical wire payload"
		if cpu != "" {
			p.Title.Text += " (cpu: " + cpu + ")"
		}
		p.Title.Text += "\nmedian ns/op, log scale; each bar labelled with its ns/op and its ratio to encoding/json.Unmarshal"
	}
	// A short label: plot centres it in linear terms, and a long one
	// would squeeze a log axis.
	p.X.Label.Text = payload + " payload"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = durationTicks{}
	p.Y.Tick.Label.Font.Size = vg.Points(10)

	names := make([]string, len(peers))
	b := bars{}
	var labels plotter.XYLabels
	ref := peers[baseIdx].ns[payload]
	for i, pr := range peers {
		names[i] = bench.Describe(pr.impl)
		ns := pr.ns[payload]
		b.values = append(b.values, ns)
		b.colors = append(b.colors, colorOf(pr.impl))
		labels.XYs = append(labels.XYs, plotter.XY{X: ns, Y: float64(i)})
		labels.Labels = append(labels.Labels, formatNs(ns)+" · "+formatRatio(ns/ref))
	}
	p.NominalY(names...)
	lo, hi := slices.Min(b.values), slices.Max(b.values)
	p.X.Min = math.Pow(10, math.Floor(math.Log10(lo)))
	p.X.Max = math.Pow(10, math.Ceil(math.Log10(hi*6))) // room for the labels
	b.min = p.X.Min

	l, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font.Size = vg.Points(9)
		l.TextStyle[i].YAlign = draw.YCenter
	}
	l.Offset = vg.Point{X: vg.Millimeter}
	line, err := plotter.NewLine(plotter.XYs{{X: ref, Y: -0.5}, {X: ref, Y: float64(len(peers)) - 0.5}})
	if err != nil {
		return nil, err
	}
	line.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	line.Color = color.Gray{Y: 0x80}
	p.Add(b, line, l)
	if first {
		p.Legend.Top = true
		p.Legend.Add("authlink", swatch(colorAuthlink))
		p.Legend.Add("applies the rules", swatch(colorRules))
		p.Legend.Add("reads only (no rules)", swatch(colorReads))
		p.Legend.Add("encoding/json.Unmarshal = 1×", line)
	}
	return p, nil
}

func colorOf(i bench.Impl) color.Color {
	switch {
	case strings.HasPrefix(i.Name, "authlink"):
		return colorAuthlink
	case i.Checks:
		return colorRules
	default:
		return colorReads
	}
}

// bars draws horizontal bars from min, the left edge of a log-scale axis;
// plotter.BarChart starts its bars at 0, which a log scale cannot place.
type bars struct {
	values []float64 // one per nominal category, from the bottom
	colors []color.Color
	min    float64
}

// Plot implements plot.Plotter.
func (b bars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	half := 0.35 * float64(trY(1)-trY(0))
	for i, v := range b.values {
		y := trY(float64(i))
		x0, x1 := trX(b.min), trX(v)
		rect := []vg.Point{{X: x0, Y: y - vg.Length(half)}, {X: x1, Y: y - vg.Length(half)},
			{X: x1, Y: y + vg.Length(half)}, {X: x0, Y: y + vg.Length(half)}}
		c.FillPolygon(b.colors[i], c.ClipPolygonXY(rect))
	}
}

// swatch is a legend thumbnail: a square of one colour.
type swatch color.RGBA

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(color.RGBA(s), []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}

// durationTicks marks the powers of ten of a nanosecond axis as 100 ns,
// 1 µs, 10 µs.
type durationTicks struct{}

// Ticks implements plot.Ticker.
func (durationTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		v := math.Pow(10, e)
		ticks = append(ticks, plot.Tick{Value: v, Label: formatNs(v)})
		for m := 2.0; m < 10; m++ {
			ticks = append(ticks, plot.Tick{Value: m * v})
		}
	}
	return ticks
}

// formatNs writes a time in nanoseconds with three significant digits.
func formatNs(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	default:
		return fmt.Sprintf("%.3g ns", ns)
	}
}

// formatRatio writes a ratio as the tables do: three decimals below 1.
func formatRatio(r float64) string {
	if r < 1 {
		return fmt.Sprintf("%.3f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}
