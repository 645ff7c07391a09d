package view

// The colours, sizes and captions of configs/neo4j/style.grass, the style
// kg's graphs get in the Neo4j Browser, so that a graph looks the same in
// both. TestStyleMatchesGrass reads the grass file and fails when they
// differ.

// nodeStyle is the look of the nodes of one label.
type nodeStyle struct {
	Label    string `json:"label"` // "" for the default
	Color    string `json:"color"`
	Border   string `json:"border"`
	Text     string `json:"text"` // caption colour, drawn inside the node
	Diameter int    `json:"diameter"`
	Caption  string `json:"caption"` // "{property}" as in GraSS
}

// relStyle is the look of the relationships of one type.
type relStyle struct {
	Type    string `json:"type"` // "" for the default
	Color   string `json:"color"`
	Width   int    `json:"width"`
	Caption string `json:"caption"` // "{property}", "<type>" as in GraSS
}

// pageStyle is what the page's script reads of the style.
type pageStyle struct {
	Node         nodeStyle   `json:"node"`
	Labels       []nodeStyle `json:"labels"`
	Rel          relStyle    `json:"rel"`
	Types        []relStyle  `json:"types"`
	NodeFontSize int         `json:"nodeFontSize"`
	RelFontSize  int         `json:"relFontSize"`
	RelPadding   int         `json:"relPadding"`
	BorderWidth  int         `json:"borderWidth"`
	RelText      string      `json:"relText"` // text-color-external
}

var style = pageStyle{
	Node: nodeStyle{Color: "#A5ABB6", Border: "#9AA1AC", Text: "#FFFFFF", Diameter: 50, Caption: "{name}"},
	Labels: []nodeStyle{
		{Label: "Person", Color: "#4C8EDA", Border: "#2870C2", Text: "#FFFFFF", Diameter: 80, Caption: "{name}"},
		{Label: "Organization", Color: "#F16667", Border: "#EB2728", Text: "#FFFFFF", Diameter: 90, Caption: "{name}"},
		{Label: "Meeting", Color: "#FFC454", Border: "#D7A013", Text: "#2A2C34", Diameter: 55, Caption: "{date}"},
		{Label: "Document", Color: "#8DCC93", Border: "#5DB665", Text: "#2A2C34", Diameter: 40, Caption: "{name}"},
	},
	Rel: relStyle{Color: "#A5ABB6", Width: 1, Caption: "<type>"},
	Types: []relStyle{
		{Type: "MET", Color: "#D7A013", Width: 3, Caption: "{date}"},
		{Type: "HOLDS_ROLE", Color: "#2870C2", Width: 2, Caption: "{status} {title}"},
	},
	NodeFontSize: 10,
	RelFontSize:  8,
	RelPadding:   3,
	BorderWidth:  2,
	RelText:      "#000000",
}

// diameter is the drawn size of a node with these labels (the first label
// with a style of its own decides, as in the Browser).
func diameter(labels []string) float64 {
	for _, l := range labels {
		for _, s := range style.Labels {
			if s.Label == l {
				return float64(s.Diameter)
			}
		}
	}
	return float64(style.Node.Diameter)
}
