package checks

import (
	"fmt"
	"unicode/utf8"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// Frame-format attributes (gt/sms-label-cat-config-attributes.md): frame
// attributes, global label category attributes and each label's own
// category attributes. These rules run only when the frame format applies;
// in a standard-format job the attribute keys have no effect and GT5240
// says so once. For 3D point cloud semantic segmentation, label category
// attributes are ignored by the service (GT5230), so only frame attributes
// are checked there.

type lblAttrKind int

const (
	lblFrameAttr lblAttrKind = iota
	lblGlobalAttr
	lblLabelAttr
)

// lblAttrList is one list of attributes in the label file.
type lblAttrList struct {
	v     *artifacts.Value
	path  string
	kind  lblAttrKind
	label int // the labels[] index, for lblLabelAttr
}

// lblAttrItem is one attribute object.
type lblAttrItem struct {
	v    *artifacts.Value
	path string
	kind lblAttrKind
}

// semSeg3D reports the 3D point cloud semantic segmentation task types.
func (c *labelCtx) semSeg3D() bool {
	return c.key == "3DPointCloudSemanticSegmentation" || c.key == "Adjustment3DPointCloudSemanticSegmentation"
}

// attrLists returns the attribute lists the frame-format rules check.
func (c *labelCtx) attrLists() []lblAttrList {
	if !c.frame {
		return nil
	}
	var out []lblAttrList
	if v := c.root.Get("frameAttributes"); v != nil {
		out = append(out, lblAttrList{v, "frameAttributes", lblFrameAttr, -1})
	}
	if c.semSeg3D() {
		return out
	}
	if v := c.root.Get("categoryGlobalAttributes"); v != nil {
		out = append(out, lblAttrList{v, "categoryGlobalAttributes", lblGlobalAttr, -1})
	}
	if l := c.labels(); l != nil {
		for i := range l.Kids {
			if v := l.Kids[i].Get("categoryAttributes"); v != nil {
				out = append(out, lblAttrList{v, artifacts.MemberPath(artifacts.IndexPath("labels", i), "categoryAttributes"), lblLabelAttr, i})
			}
		}
	}
	return out
}

// items returns the list's attribute objects (other items are GT5120's).
func (al lblAttrList) items() []lblAttrItem {
	if al.v.Kind != artifacts.ArrayValue {
		return nil
	}
	var out []lblAttrItem
	for i := range al.v.Kids {
		if a := &al.v.Kids[i]; a.Kind == artifacts.ObjectValue {
			out = append(out, lblAttrItem{a, artifacts.IndexPath(al.path, i), al.kind})
		}
	}
	return out
}

// name returns the attribute's string name, if any.
func (a lblAttrItem) name() (string, bool) { return a.v.Get("name").Str() }

// lblFreeText reports a free-form text attribute: type "string" without enum.
func lblFreeText(a *artifacts.Value) bool {
	t, _ := a.Get("type").Str()
	return a.Kind == artifacts.ObjectValue && t == "string" && a.Get("enum") == nil
}

func lblCountFreeText(list *artifacts.Value) int {
	if list == nil || list.Kind != artifacts.ArrayValue {
		return 0
	}
	n := 0
	for i := range list.Kids {
		if lblFreeText(&list.Kids[i]) {
			n++
		}
	}
	return n
}

func lblArrayLen(v *artifacts.Value) int {
	if v == nil || v.Kind != artifacts.ArrayValue {
		return 0
	}
	return v.Len()
}

// lblAttrName names an attribute for a message.
func lblAttrName(a lblAttrItem) string {
	if n, ok := a.name(); ok && n != "" {
		return fmt.Sprintf("`%s`", n)
	}
	return "`" + a.path + "`"
}

// GT5110: "editsAllowed" on a label or an attribute is "none" or "any".
var _ = register(Check{
	Rules: []string{"GT5110"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.frame {
			return
		}
		check := func(obj *artifacts.Value, path string) {
			v := obj.Get("editsAllowed")
			if v == nil {
				return
			}
			if s, ok := v.Str(); ok && (s == "none" || s == "any") {
				return
			}
			c.at("GT5110", v, artifacts.MemberPath(path, "editsAllowed"), "`editsAllowed` must be \"none\" or \"any\" (found %s).", lblKindPhrase(v))
		}
		if l := c.labels(); l != nil {
			for i := range l.Kids {
				if l.Kids[i].Get("editsAllowed") != nil {
					check(&l.Kids[i], lblLabelPath(i, ""))
				}
			}
		}
		for _, al := range c.attrLists() {
			for _, a := range al.items() {
				check(a.v, a.path)
			}
		}
		c.done()
	},
})

// GT5120, GT5130, GT5140: each attribute has a name of 1–16 characters, a
// type of "string" or "number", and (frame attributes) a description of
// at most 128 characters.
var _ = register(Check{
	Rules: []string{"GT5120", "GT5130", "GT5140"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil {
			return
		}
		for _, al := range c.attrLists() {
			if al.v.Kind != artifacts.ArrayValue {
				c.at("GT5120", al.v, al.path, "`%s` must be a list of attribute objects, each with `name` (1–16 characters) and `type` (\"string\" or \"number\"); it is %s.", al.path, lblKindPhrase(al.v))
				continue
			}
			for i := range al.v.Kids {
				if a := &al.v.Kids[i]; a.Kind != artifacts.ObjectValue {
					path := artifacts.IndexPath(al.path, i)
					c.at("GT5120", a, path, "Attribute `%s` must be an object with `name` (1–16 characters) and `type` (\"string\" or \"number\"); it is %s.", path, lblKindPhrase(a))
				}
			}
			for _, a := range al.items() {
				name := a.v.Get("name")
				switch {
				case name == nil:
					c.at("GT5120", a.v, artifacts.MemberPath(a.path, "name"), "Attribute `%s` needs `name` (1–16 characters) and `type` (\"string\" or \"number\"); it has no `name`.", a.path)
				case name.Kind != artifacts.StringValue:
					c.at("GT5120", name, artifacts.MemberPath(a.path, "name"), "Attribute `%s` needs `name` (1–16 characters); `name` is %s.", a.path, lblKindPhrase(name))
				default:
					if n := utf8.RuneCountInString(name.Text); n < 1 || n > 16 {
						c.at("GT5120", name, artifacts.MemberPath(a.path, "name"), "Attribute `%s` needs `name` of 1–16 characters (%s has %d).", a.path, lblQuote(name.Text), n)
					}
				}
				typ := a.v.Get("type")
				switch s, _ := typ.Str(); {
				case typ == nil:
					c.at("GT5120", a.v, artifacts.MemberPath(a.path, "type"), "Attribute %s needs `type` (\"string\" or \"number\"); it has none.", lblAttrName(a))
				case s != "string" && s != "number":
					c.at("GT5120", typ, artifacts.MemberPath(a.path, "type"), "Attribute %s needs `type` \"string\" or \"number\" (found %s).", lblAttrName(a), lblKindPhrase(typ))
				}
				desc := a.v.Get("description")
				switch {
				case desc == nil:
					if a.kind == lblFrameAttr {
						c.at("GT5130", a.v, artifacts.MemberPath(a.path, "description"), "Frame attributes require a `description`: %s has none. Workers see it as the question for the frame.", lblAttrName(a))
					}
				case desc.Kind != artifacts.StringValue:
					c.at("GT5140", desc, artifacts.MemberPath(a.path, "description"), "Attribute descriptions must be strings of at most 128 characters (%s's is %s).", lblAttrName(a), lblKindPhrase(desc))
				default:
					if n := utf8.RuneCountInString(desc.Text); n > 128 {
						c.at("GT5140", desc, artifacts.MemberPath(a.path, "description"), "Attribute descriptions can be at most 128 characters (%s's has %d).", lblAttrName(a), n)
					}
				}
			}
		}
		c.done()
	},
})

// GT5150, GT5155, GT5160, GT5170, GT5180: the value constraints of an
// attribute.
var _ = register(Check{
	Rules: []string{"GT5150", "GT5155", "GT5160", "GT5170", "GT5180"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil {
			return
		}
		for _, al := range c.attrLists() {
			for _, a := range al.items() {
				typ, _ := a.v.Get("type").Str()
				lo, hi, enum := a.v.Get("minimum"), a.v.Get("maximum"), a.v.Get("enum")
				switch typ {
				case "number":
					switch {
					case !lo.IsInteger():
						c.at("GT5150", lblOr(lo, a.v), artifacts.MemberPath(a.path, "minimum"), "Numeric attribute %s needs integer `minimum` and `maximum`; `minimum` %s.", lblAttrName(a), lblBoundProblem(lo))
					case !hi.IsInteger():
						c.at("GT5150", lblOr(hi, a.v), artifacts.MemberPath(a.path, "maximum"), "Numeric attribute %s needs integer `minimum` and `maximum`; `maximum` %s.", lblAttrName(a), lblBoundProblem(hi))
					default:
						l, ok1 := lo.Int64()
						h, ok2 := hi.Int64()
						if ok1 && ok2 && l > h {
							c.at("GT5155", lo, artifacts.MemberPath(a.path, "minimum"), "Attribute %s: minimum (%d) is greater than maximum (%d); no value can be entered.", lblAttrName(a), l, h)
						}
					}
					if enum != nil {
						c.at("GT5160", enum, artifacts.MemberPath(a.path, "enum"), "`minimum`/`maximum` are only for type \"number\"; `enum` is only for type \"string\": attribute %s is a number with an `enum`.", lblAttrName(a))
					}
				case "string":
					for _, b := range []struct {
						v    *artifacts.Value
						name string
					}{{lo, "minimum"}, {hi, "maximum"}} {
						if b.v != nil {
							c.at("GT5160", b.v, artifacts.MemberPath(a.path, b.name), "`minimum`/`maximum` are only for type \"number\"; `enum` is only for type \"string\": attribute %s is a string with `%s`.", lblAttrName(a), b.name)
							break
						}
					}
				}
				if enum != nil && typ != "number" {
					lblCheckEnum(c, a, enum)
				}
				if v := a.v.Get("isRequired"); v != nil && v.Kind != artifacts.BoolValue {
					c.at("GT5180", v, artifacts.MemberPath(a.path, "isRequired"), "`isRequired` must be true or false without quotes (found %s).", lblKindPhrase(v))
				}
			}
		}
		c.done()
	},
})

func lblOr(v, fallback *artifacts.Value) *artifacts.Value {
	if v != nil {
		return v
	}
	return fallback
}

func lblBoundProblem(v *artifacts.Value) string {
	switch {
	case v == nil:
		return "is missing"
	case v.Kind == artifacts.NumberValue:
		return "is " + v.Text + ", not an integer"
	}
	return "is " + lblKindPhrase(v)
}

// lblCheckEnum is GT5170: 1–10 strings of 1–16 characters.
func lblCheckEnum(c *labelCtx, a lblAttrItem, enum *artifacts.Value) {
	path := artifacts.MemberPath(a.path, "enum")
	if enum.Kind != artifacts.ArrayValue {
		c.at("GT5170", enum, path, "`enum` must list 1–10 strings of 1–16 characters; attribute %s has %s.", lblAttrName(a), lblKindPhrase(enum))
		return
	}
	if n := enum.Len(); n < 1 || n > 10 {
		c.at("GT5170", enum, path, "`enum` must list 1–10 strings of 1–16 characters; attribute %s lists %d.", lblAttrName(a), n)
	}
	for k := range enum.Kids {
		v := &enum.Kids[k]
		if v.Kind != artifacts.StringValue {
			c.at("GT5170", v, artifacts.IndexPath(path, k), "`enum` must list 1–10 strings of 1–16 characters; item %d of %s is %s.", k, lblAttrName(a), lblKindPhrase(v))
			continue
		}
		if n := utf8.RuneCountInString(v.Text); n < 1 || n > 16 {
			c.at("GT5170", v, artifacts.IndexPath(path, k), "`enum` must list 1–10 strings of 1–16 characters; %s has %d.", lblQuote(v.Text), n)
		}
	}
}

// GT5190 and GT5195: attribute names are unique where the service needs
// them to be.
var _ = register(Check{
	Rules: []string{"GT5190", "GT5195"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil {
			return
		}
		global := map[string]bool{}
		for _, al := range c.attrLists() {
			seen := map[string]bool{}
			for _, a := range al.items() {
				n, ok := a.name()
				if !ok || n == "" {
					continue
				}
				path := artifacts.MemberPath(a.path, "name")
				switch {
				case seen[n] && al.kind == lblFrameAttr:
					c.at("GT5195", a.v.Get("name"), path, "Frame attribute name `%s` is used twice in `frameAttributes`; their answers can't be told apart.", n)
				case seen[n]:
					c.at("GT5190", a.v.Get("name"), path, "Label category attribute name `%s` is not unique: it appears twice in `%s`.", n, al.path)
				case al.kind == lblLabelAttr && global[n]:
					c.at("GT5190", a.v.Get("name"), path, "Label category attribute name `%s` is not unique: `categoryGlobalAttributes` has it too (global and per-label attributes can't share names).", n)
				}
				seen[n] = true
				if al.kind == lblGlobalAttr {
					global[n] = true
				}
			}
		}
		c.done()
	},
})

// GT5200, GT5210, GT5220: attribute counts. A label counts the global
// attributes plus its own; when the global list alone is over a limit it
// is reported once, there, not on every label.
var _ = register(Check{
	Rules: []string{"GT5200", "GT5210", "GT5220"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.frame {
			return
		}
		if fa := c.root.Get("frameAttributes"); fa != nil && fa.Kind == artifacts.ArrayValue {
			n, free := fa.Len(), lblCountFreeText(fa)
			switch {
			case n > 10 && free > 5:
				c.at("GT5220", fa, "frameAttributes", "At most 10 frame attributes, of which at most 5 free-form text: `frameAttributes` has %d, %d of them free-form text.", n, free)
			case n > 10:
				c.at("GT5220", fa, "frameAttributes", "At most 10 frame attributes, of which at most 5 free-form text: `frameAttributes` has %d.", n)
			case free > 5:
				c.at("GT5220", fa, "frameAttributes", "At most 10 frame attributes, of which at most 5 free-form text: `frameAttributes` has %d free-form text attributes (type \"string\" without `enum`).", free)
			}
		}
		if c.semSeg3D() {
			return
		}
		g := c.root.Get("categoryGlobalAttributes")
		gn, gfree := lblArrayLen(g), lblCountFreeText(g)
		if gn > 10 {
			c.at("GT5200", g, "categoryGlobalAttributes", "`categoryGlobalAttributes` has %d attributes; every label gets them, and a label can have at most 10 label category attributes (global + own).", gn)
		}
		if gfree > 5 {
			c.at("GT5210", g, "categoryGlobalAttributes", "`categoryGlobalAttributes` has %d free-form text attributes; every label gets them, and a label can have at most 5.", gfree)
		}
		l := c.labels()
		if l == nil {
			return
		}
		for i := range l.Kids {
			own := l.Kids[i].Get("categoryAttributes")
			if own == nil || own.Kind != artifacts.ArrayValue {
				continue
			}
			name := fmt.Sprintf("labels[%d]", i)
			if s, ok := l.Kids[i].Get("label").Str(); ok && s != "" {
				name = lblQuote(s)
			}
			path := artifacts.MemberPath(artifacts.IndexPath("labels", i), "categoryAttributes")
			if n := gn + own.Len(); gn <= 10 && n > 10 {
				c.at("GT5200", own, path, "Label %s has %d label category attributes (%d global + %d own); the maximum is 10.", name, n, gn, own.Len())
			}
			if n := gfree + lblCountFreeText(own); gfree <= 5 && n > 5 {
				c.at("GT5210", own, path, "Label %s has %d free-form text attributes (global + own, type \"string\" without `enum`); the maximum is 5.", name, n)
			}
		}
		c.done()
	},
})
