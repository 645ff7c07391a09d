package view

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"

	"github.com/kg-news/kg/graph"
)

// Point is a node's position in the page's model coordinates (pixels at
// zoom 1).
type Point struct{ X, Y float64 }

// Layout constants: edgeLen is the length force-directed placement aims
// for (the nodes are 40 to 90 pixels across), gap the room between two
// components.
const (
	edgeLen = 130.0
	gap     = 90.0
)

// Layout places the nodes of g (sorted, as graph.Decode returns it) and
// returns one position for each, in g.Nodes' order. It is deterministic.
//
// Documents and MENTIONS are left out of the placement (a document ties
// together everything it names and would pull the whole story into one
// knot): each connected component of the other nodes is placed by a
// force-directed layout (Fruchterman-Reingold, with a Barnes-Hut tree for
// the repulsion of large components), the components are packed in rows,
// the largest first, and each document is then put beside the middle of
// the nodes it mentions.
func Layout(g *graph.Graph) []Point {
	n := len(g.Nodes)
	pos := make([]Point, n)
	at := make(map[string]int, n)
	isDoc := make([]bool, n)
	for i, nd := range g.Nodes {
		at[nd.ID] = i
		isDoc[i] = slices.Contains(nd.Labels, graph.Document)
	}
	adj := make([][]int, n)
	mentions := make([][]int, n)
	for _, r := range g.Relationships {
		s, ok1 := at[r.StartNode]
		t, ok2 := at[r.EndNode]
		if !ok1 || !ok2 || s == t {
			continue
		}
		switch {
		case isDoc[s] && !isDoc[t]:
			mentions[s] = append(mentions[s], t)
		case isDoc[t] && !isDoc[s]:
			mentions[t] = append(mentions[t], s)
		case r.Type == graph.Mentions || isDoc[s] || isDoc[t]:
		default:
			adj[s] = append(adj[s], t)
			adj[t] = append(adj[t], s)
		}
	}
	for i := range adj {
		slices.Sort(adj[i])
		adj[i] = slices.Compact(adj[i])
	}

	// components, each in breadth-first order from its best connected node
	seen := make([]bool, n)
	var comps [][]int
	for i := range n {
		if seen[i] || isDoc[i] {
			continue
		}
		var c []int
		seen[i] = true
		for q := []int{i}; len(q) > 0; q = q[1:] {
			c = append(c, q[0])
			for _, j := range adj[q[0]] {
				if !seen[j] {
					seen[j] = true
					q = append(q, j)
				}
			}
		}
		comps = append(comps, c)
	}
	var boxes []box
	for _, c := range comps {
		boxes = append(boxes, placeComponent(g, c, adj, pos))
	}
	pack(comps, boxes, pos)

	// documents: beside the middle of what they mention; documents that
	// mention nothing in a row below everything
	var maxY float64
	for i := range n {
		if !isDoc[i] {
			maxY = max(maxY, pos[i].Y)
		}
	}
	var lone int
	for i := range n {
		if !isDoc[i] {
			continue
		}
		ms := slices.Compact(slices.Sorted(slices.Values(mentions[i])))
		if len(ms) == 0 {
			pos[i] = Point{float64(lone%40) * edgeLen * 0.5, maxY + 2*gap + float64(lone/40)*edgeLen*0.5}
			lone++
			continue
		}
		var c Point
		for _, j := range ms {
			c.X += pos[j].X
			c.Y += pos[j].Y
		}
		c.X /= float64(len(ms))
		c.Y /= float64(len(ms))
		h := fnv.New32a()
		h.Write([]byte(g.Nodes[i].ID))
		a := float64(h.Sum32()%3600) / 3600 * 2 * math.Pi
		pos[i] = Point{c.X + 0.45*edgeLen*math.Cos(a), c.Y + 0.45*edgeLen*math.Sin(a)}
	}
	for i := range pos {
		pos[i] = Point{math.Round(pos[i].X), math.Round(pos[i].Y)}
	}
	return pos
}

// box is the extent of a placed component, node sizes included.
type box struct{ minX, minY, maxX, maxY float64 }

func (b box) w() float64 { return b.maxX - b.minX }
func (b box) h() float64 { return b.maxY - b.minY }

// placeComponent lays out the nodes c (one component, breadth-first) in
// pos and returns its box.
func placeComponent(g *graph.Graph, c []int, adj [][]int, pos []Point) box {
	m := len(c)
	local := make(map[int]int, m)
	for k, i := range c {
		local[i] = k
	}
	// start from the best connected node, breadth first, on a spiral: near
	// nodes start near each other
	start := 0
	for k, i := range c {
		if len(adj[i]) > len(adj[c[start]]) {
			start = k
		}
	}
	order := make([]int, 0, m)
	seen := make([]bool, m)
	seen[start] = true
	for q := []int{start}; len(q) > 0; q = q[1:] {
		order = append(order, q[0])
		for _, j := range adj[c[q[0]]] {
			if l := local[j]; !seen[l] {
				seen[l] = true
				q = append(q, l)
			}
		}
	}
	p := make([]Point, m)
	const golden = 2.399963229728653 // radians
	for r, k := range order {
		rad := edgeLen * 0.5 * math.Sqrt(float64(r))
		p[k] = Point{rad * math.Cos(float64(r)*golden), rad * math.Sin(float64(r)*golden)}
	}
	var edges [][2]int
	for k, i := range c {
		for _, j := range adj[i] {
			if l := local[j]; k < l {
				edges = append(edges, [2]int{k, l})
			}
		}
	}
	if m > 1 {
		forceLayout(p, edges)
		rad := make([]float64, m)
		for k, i := range c {
			rad[k] = diameter(g.Nodes[i].Labels) / 2
		}
		separate(p, rad)
	}
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for k, i := range c {
		pos[i] = p[k]
		r := diameter(g.Nodes[i].Labels) / 2
		b.minX, b.minY = min(b.minX, p[k].X-r), min(b.minY, p[k].Y-r)
		b.maxX, b.maxY = max(b.maxX, p[k].X+r), max(b.maxY, p[k].Y+r)
	}
	return b
}

// forceLayout moves p by Fruchterman-Reingold: every pair repels with
// k²/d, every edge attracts with d²/k, a weak pull keeps stragglers near
// the middle, and the step shrinks as the layout cools.
func forceLayout(p []Point, edges [][2]int) {
	m := len(p)
	k := edgeLen
	iters := 400
	if m > 400 {
		iters = max(60, 400*400/m)
	}
	disp := make([]Point, m)
	temp := k * math.Sqrt(float64(m)) / 3
	var tree quadTree
	for it := range iters {
		clear(disp)
		if m <= 150 {
			for a := range m {
				for b := a + 1; b < m; b++ {
					dx, dy := p[a].X-p[b].X, p[a].Y-p[b].Y
					d2 := dx*dx + dy*dy
					if d2 < 1e-6 {
						dx, dy, d2 = nudge(a, b)
					}
					f := k * k / d2 // (k²/d) / d, times the vector
					disp[a].X += dx * f
					disp[a].Y += dy * f
					disp[b].X -= dx * f
					disp[b].Y -= dy * f
				}
			}
		} else {
			tree.build(p)
			for a := range m {
				fx, fy := tree.force(p[a], a, k*k)
				disp[a].X += fx
				disp[a].Y += fy
			}
		}
		for _, e := range edges {
			a, b := e[0], e[1]
			dx, dy := p[a].X-p[b].X, p[a].Y-p[b].Y
			d := math.Sqrt(dx*dx + dy*dy)
			f := d / k // (d²/k) / d
			disp[a].X -= dx * f
			disp[a].Y -= dy * f
			disp[b].X += dx * f
			disp[b].Y += dy * f
		}
		var cx, cy float64
		for a := range m {
			cx += p[a].X
			cy += p[a].Y
		}
		cx /= float64(m)
		cy /= float64(m)
		for a := range m {
			dx, dy := p[a].X-cx, p[a].Y-cy
			d := math.Sqrt(dx*dx + dy*dy)
			disp[a].X -= 0.02 * dx * d / k
			disp[a].Y -= 0.02 * dy * d / k
			l := math.Sqrt(disp[a].X*disp[a].X + disp[a].Y*disp[a].Y)
			if l > temp {
				disp[a].X *= temp / l
				disp[a].Y *= temp / l
			}
			p[a].X += disp[a].X
			p[a].Y += disp[a].Y
		}
		// cool quickly at first, then slowly: the last steps only settle
		frac := float64(it+1) / float64(iters)
		temp = max(k*0.02, k*math.Sqrt(float64(m))/3*(1-frac)*(1-frac))
	}
}

// separate pushes apart nodes that overlap (closer than their radii and
// a margin), a few rounds over a grid of cells as large as the largest
// node.
func separate(p []Point, rad []float64) {
	const margin = 12.0
	cellSize := 2*slices.Max(rad) + margin
	type key struct{ x, y int }
	grid := map[key][]int{}
	for range 30 {
		clear(grid)
		for a, q := range p {
			k := key{int(math.Floor(q.X / cellSize)), int(math.Floor(q.Y / cellSize))}
			grid[k] = append(grid[k], a)
		}
		moved := false
		for a := range p {
			k := key{int(math.Floor(p[a].X / cellSize)), int(math.Floor(p[a].Y / cellSize))}
			for dx := -1; dx <= 1; dx++ {
				for dy := -1; dy <= 1; dy++ {
					for _, b := range grid[key{k.x + dx, k.y + dy}] {
						if b <= a {
							continue
						}
						want := rad[a] + rad[b] + margin
						ex, ey := p[b].X-p[a].X, p[b].Y-p[a].Y
						d := math.Sqrt(ex*ex + ey*ey)
						if d >= want {
							continue
						}
						if d < 1e-6 {
							ex, ey, _ = nudge(a, b)
							d = 1
						}
						push := (want - d) / 2 / d
						p[a].X -= ex * push
						p[a].Y -= ey * push
						p[b].X += ex * push
						p[b].Y += ey * push
						moved = true
					}
				}
			}
		}
		if !moved {
			return
		}
	}
}

// nudge separates two nodes that sit on the same spot, the same way every
// time.
func nudge(a, b int) (dx, dy, d2 float64) {
	ang := float64((a*31+b*17)%360) * math.Pi / 180
	dx, dy = math.Cos(ang), math.Sin(ang)
	return dx, dy, 1
}

// quadTree is a Barnes-Hut tree over the points: far groups of points
// repel as one.
type quadTree struct {
	cells []cell
	pts   []Point
}

type cell struct {
	cx, cy, half float64 // the square
	mx, my, mass float64 // centre of mass (sums until finished) and count
	child        [4]int32
	point        int32 // the one point of a leaf, -1 if none or inner
}

const theta2 = 0.8 * 0.8 // Barnes-Hut opening angle, squared

// cut2 is the squared distance beyond which nodes no longer repel: far
// repulsion adds up over a large component and stretches all its edges.
var cut2 = (8 * edgeLen) * (8 * edgeLen)

func (t *quadTree) build(p []Point) {
	t.pts = p
	t.cells = t.cells[:0]
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range p {
		minX, minY = min(minX, q.X), min(minY, q.Y)
		maxX, maxY = max(maxX, q.X), max(maxY, q.Y)
	}
	half := max(maxX-minX, maxY-minY)/2 + 1
	t.cells = append(t.cells, cell{cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, half: half, child: [4]int32{-1, -1, -1, -1}, point: -1})
	for i := range p {
		t.insert(0, int32(i), 0)
	}
	t.finish(0)
}

func (t *quadTree) quadrant(c int32, q Point) int {
	k := 0
	if q.X >= t.cells[c].cx {
		k |= 1
	}
	if q.Y >= t.cells[c].cy {
		k |= 2
	}
	return k
}

func (t *quadTree) child(c int32, k int) int32 {
	if ch := t.cells[c].child[k]; ch >= 0 {
		return ch
	}
	h := t.cells[c].half / 2
	x, y := t.cells[c].cx-h, t.cells[c].cy-h
	if k&1 != 0 {
		x += 2 * h
	}
	if k&2 != 0 {
		y += 2 * h
	}
	t.cells = append(t.cells, cell{cx: x, cy: y, half: h, child: [4]int32{-1, -1, -1, -1}, point: -1})
	ch := int32(len(t.cells) - 1)
	t.cells[c].child[k] = ch
	return ch
}

func (t *quadTree) insert(c, i int32, depth int) {
	q := t.pts[i]
	for {
		cl := &t.cells[c]
		cl.mx += q.X
		cl.my += q.Y
		cl.mass++
		if cl.mass == 1 {
			cl.point = i
			return
		}
		if depth > 40 {
			// points on (nearly) one spot: keep them together in this leaf
			return
		}
		if old := cl.point; old >= 0 {
			cl.point = -1
			oc := t.child(c, t.quadrant(c, t.pts[old]))
			o := t.pts[old]
			t.cells[oc].mx += o.X
			t.cells[oc].my += o.Y
			t.cells[oc].mass++
			t.cells[oc].point = old
		}
		c = t.child(c, t.quadrant(c, q))
		depth++
	}
}

func (t *quadTree) finish(c int32) {
	cl := &t.cells[c]
	if cl.mass > 0 {
		cl.mx /= cl.mass
		cl.my /= cl.mass
	}
	for _, ch := range cl.child {
		if ch >= 0 {
			t.finish(ch)
		}
	}
}

// force is the repulsion on point self at q from every other point, each
// pushing with kk/d.
func (t *quadTree) force(q Point, self int, kk float64) (fx, fy float64) {
	stack := []int32{0}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		cl := &t.cells[c]
		if cl.mass == 0 || cl.point == int32(self) && cl.mass == 1 {
			continue
		}
		dx, dy := q.X-cl.mx, q.Y-cl.my
		d2 := dx*dx + dy*dy
		leaf := cl.child == [4]int32{-1, -1, -1, -1}
		if leaf || (2*cl.half)*(2*cl.half) < theta2*d2 {
			if d2 > cut2 {
				continue
			}
			mass := cl.mass
			if d2 < 1e-6 {
				// a group on this very spot: self is one of it
				if mass--; mass <= 0 {
					continue
				}
				dx, dy, d2 = nudge(self, int(c))
			}
			f := mass * kk / d2
			fx += dx * f
			fy += dy * f
			continue
		}
		for _, ch := range cl.child {
			if ch >= 0 {
				stack = append(stack, ch)
			}
		}
	}
	return fx, fy
}

// pack puts the components in rows, largest first, each row as wide as
// the layout should be for a screen's shape; a component's box moves as
// a whole.
func pack(comps [][]int, boxes []box, pos []Point) {
	order := make([]int, len(comps))
	var area, widest float64
	for i := range comps {
		order[i] = i
		area += (boxes[i].w() + gap) * (boxes[i].h() + gap)
		widest = max(widest, boxes[i].w())
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(len(comps[b]), len(comps[a])); c != 0 {
			return c
		}
		return cmp.Compare(boxes[b].h(), boxes[a].h())
	})
	width := max(widest, math.Sqrt(area*1.6))
	var x, y, rowH float64
	for _, i := range order {
		b := boxes[i]
		if x > 0 && x+b.w() > width {
			x, y, rowH = 0, y+rowH+gap, 0
		}
		dx, dy := x-b.minX, y-b.minY
		for _, j := range comps[i] {
			pos[j].X += dx
			pos[j].Y += dy
		}
		x += b.w() + gap
		rowH = max(rowH, b.h())
	}
}
