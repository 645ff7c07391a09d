// Package unitstore keeps the units of a corpus beside a graph JSON file,
// so that the graph can be changed one document at a time and still be
// what a fresh build of its documents gives.
//
// A unit is one document's graph as extracted, before corpus resolution
// (the same units kg keeps in Neo4j as KgSource nodes). The corpus graph
// is a function of the set of units: kg build --update replaces the units
// of the documents it reads and keeps the others, kg forget drops units,
// and both write the resolution of the set that remains.
//
// The store is a gzip file of JSON Lines: a header line, then one line a
// unit in key order:
//
//	{"kg_units": 1, "graph_sha256": "…"}
//	{"key": "doc:…", "hash": "…", "documents": ["…"], "graph": {…graph JSON…}}
//
// graph_sha256 is the hash of the graph JSON file written with the store,
// so a graph changed since (by hand, or a run killed between the two
// renames) is noticed. Each line is its own gzip member (gzip allows a
// file of several), so a unit is compressed once, when it is extracted,
// and a build holds only compressed units in memory.
package unitstore

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/kg-news/kg/graph"
)

// Version is the store format's version, the header's kg_units.
const Version = 1

// Path is where the store of a graph JSON file lives: graph.json has
// graph.units.jsonl.gz beside it.
func Path(graphPath string) string {
	dir, base := filepath.Split(graphPath)
	base = strings.TrimSuffix(base, ".json")
	return filepath.Join(dir, base+".units.jsonl.gz")
}

// Entry is one unit, encoded: its key, the hash of its graph JSON, and
// its store line, compressed.
type Entry struct {
	Key  string
	Hash string
	Docs []string // its document ids
	line []byte   // one gzip member: the unit's JSON line
}

type line struct {
	Key   string          `json:"key"`
	Hash  string          `json:"hash"`
	Docs  []string        `json:"documents"`
	Graph json.RawMessage `json:"graph"`
}

type header struct {
	Version     int    `json:"kg_units"`
	GraphSHA256 string `json:"graph_sha256"`
}

// Encode makes the entry of one unit.
func Encode(key string, g *graph.Graph) (Entry, error) {
	var js bytes.Buffer
	if err := graph.Encode(&js, g); err != nil {
		return Entry{}, fmt.Errorf("unit %s: %w", key, err)
	}
	h := sha256.Sum256(js.Bytes())
	var compact bytes.Buffer
	compact.Grow(js.Len())
	if err := json.Compact(&compact, js.Bytes()); err != nil {
		return Entry{}, fmt.Errorf("unit %s: %w", key, err)
	}
	e := Entry{Key: key, Hash: hex.EncodeToString(h[:]), Docs: IDs(g)}
	b, err := json.Marshal(line{Key: key, Hash: e.Hash, Docs: e.Docs, Graph: compact.Bytes()})
	if err != nil {
		return Entry{}, fmt.Errorf("unit %s: %w", key, err)
	}
	e.line = gzipped(append(b, '\n'))
	return e, nil
}

func gzipped(b []byte) []byte {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// Graph decodes the unit's graph.
func (e Entry) Graph() (*graph.Graph, error) {
	zr, err := gzip.NewReader(bytes.NewReader(e.line))
	if err != nil {
		return nil, fmt.Errorf("unit %s: %w", e.Key, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("unit %s: %w", e.Key, err)
	}
	var l line
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("unit %s: %w", e.Key, err)
	}
	g, err := graph.Decode(bytes.NewReader(l.Graph))
	if err != nil {
		return nil, fmt.Errorf("unit %s: %w", e.Key, err)
	}
	return g, nil
}

// Write writes a store of entries (sorted by key, one per key: the last
// of a key wins) for the graph whose JSON hashes to graphSHA256.
func Write(w io.Writer, entries []Entry, graphSHA256 string) error {
	entries = Sorted(entries)
	hb, _ := json.Marshal(header{Version, graphSHA256})
	if _, err := w.Write(gzipped(append(hb, '\n'))); err != nil {
		return err
	}
	for _, e := range entries {
		if _, err := w.Write(e.line); err != nil {
			return err
		}
	}
	return nil
}

// Sorted returns entries in key order, one per key, the last given of a
// key kept.
func Sorted(entries []Entry) []Entry {
	byKey := map[string]Entry{}
	for _, e := range entries {
		byKey[e.Key] = e
	}
	out := make([]Entry, 0, len(byKey))
	for _, e := range byKey {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// MaxLineBytes bounds one unit's line in a store being read: a document's
// graph is far smaller, so a longer line is a damaged store.
const MaxLineBytes = 1 << 30

// Read reads a store: its entries in key order and the graph hash of its
// header. Errors name the store and the line.
func Read(r io.Reader, name string) ([]Entry, string, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, "", fmt.Errorf("%s: not a kg unit store: %w", name, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	var h header
	var entries []Entry
	for n := 1; ; n++ {
		b, err := readLine(br)
		if errors.Is(err, io.EOF) && len(b) == 0 {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, "", fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if n == 1 {
			if err := json.Unmarshal(b, &h); err != nil || h.Version == 0 {
				return nil, "", fmt.Errorf("%s:1: not a kg unit store (no kg_units header)", name)
			}
			if h.Version != Version {
				return nil, "", fmt.Errorf("%s:1: unit store version %d; this kg reads version %d", name, h.Version, Version)
			}
			continue
		}
		var l line
		if err := json.Unmarshal(b, &l); err != nil {
			return nil, "", fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if l.Key == "" || len(l.Graph) == 0 {
			return nil, "", fmt.Errorf("%s:%d: a unit without key or graph", name, n)
		}
		if len(entries) > 0 && entries[len(entries)-1].Key >= l.Key {
			return nil, "", fmt.Errorf("%s:%d: unit %q out of order", name, n, l.Key)
		}
		entries = append(entries, Entry{Key: l.Key, Hash: l.Hash, Docs: l.Docs, line: gzipped(append(b, '\n'))})
	}
	if h.Version == 0 {
		return nil, "", fmt.Errorf("%s: empty, not a kg unit store", name)
	}
	return entries, h.GraphSHA256, nil
}

func readLine(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		chunk, err := br.ReadSlice('\n')
		out = append(out, chunk...)
		if len(out) > MaxLineBytes {
			return nil, fmt.Errorf("a line longer than %d bytes", MaxLineBytes)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			return bytes.TrimSuffix(out, []byte("\n")), nil
		}
		return out, err
	}
}

// Doc is one document of a unit and the names it goes by: its id, URL
// and path.
type Doc struct {
	ID    string
	Names []string
}

// Docs lists a unit's documents, from the graph's Document nodes, by id.
func Docs(g *graph.Graph) []Doc {
	byID := map[string][]string{}
	for _, n := range g.Nodes {
		if !slices.Contains(n.Labels, graph.Document) {
			continue
		}
		var names []string
		for _, k := range []string{"url", "path"} {
			if s, ok := n.Properties[k].(string); ok && s != "" {
				names = append(names, s)
			}
		}
		for _, id := range graph.Strings(n.Properties["documents"]) {
			byID[id] = append(byID[id], append([]string{id}, names...)...)
		}
	}
	out := make([]Doc, 0, len(byID))
	for id, names := range byID {
		slices.Sort(names)
		out = append(out, Doc{id, slices.Compact(names)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// IDs lists a unit's document ids, sorted.
func IDs(g *graph.Graph) []string {
	var out []string
	for _, d := range Docs(g) {
		out = append(out, d.ID)
	}
	return out
}

// Forget decides which units to drop to withdraw the documents names
// name (by id, URL or path); units maps each unit's key to its
// documents. A unit goes when it holds a named document; a unit that
// holds other documents too (a graph file of several loaded as one)
// cannot be cut apart, and is an error naming what else it holds. Names
// that match nothing are returned: forgetting is idempotent, so they are
// no error.
func Forget(units map[string][]Doc, names []string) (drop, unmatched []string, err error) {
	given := make(map[string]bool, len(names))
	for _, nm := range names {
		given[nm] = true
	}
	matched := map[string]bool{}
	var problems []string
	for _, key := range slices.Sorted(mapKeys(units)) {
		var hit, rest []string
		for _, d := range units[key] {
			named := false
			for _, nm := range d.Names {
				if given[nm] {
					named = true
					matched[nm] = true
				}
			}
			if named {
				hit = append(hit, d.ID)
			} else {
				rest = append(rest, d.ID)
			}
		}
		switch {
		case len(hit) == 0:
		case len(rest) > 0:
			problems = append(problems, fmt.Sprintf("%s %s loaded in one graph file with %s; a unit cannot be cut apart: forget %s too, or load a graph file per document",
				strings.Join(hit, ", "), isAre(len(hit)), strings.Join(rest, ", "), itThem(len(rest))))
		default:
			drop = append(drop, key)
		}
	}
	for _, nm := range names {
		if !matched[nm] {
			unmatched = append(unmatched, nm)
		}
	}
	if len(problems) > 0 {
		return nil, nil, errors.New(strings.Join(problems, "; "))
	}
	return drop, unmatched, nil
}

func isAre(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
