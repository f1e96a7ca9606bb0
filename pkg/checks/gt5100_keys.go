package checks

import (
	"fmt"
	"github.com/gtctl/gtctl/pkg/didyoumean"
	"sort"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// The keys of the label file: unknown keys (GT5100), frame-format keys in a
// standard-format job (GT5240) and the 3D-2D example's spellings (GT5275).
// Each key gets at most one of the three; keys another rule owns are left
// to it: "document-version" in a frame file without "documentVersion"
// (GT5030), "documentVersion" in a standard file without
// "document-version" (GT5025), "auditLabelAttributeName" outside frame
// audit jobs (GT2175), and a misspelled "labels" (GT5010).

type lblKeySet map[string]bool

func lblKeys(ks ...string) lblKeySet {
	s := lblKeySet{}
	for _, k := range ks {
		s[k] = true
	}
	return s
}

var (
	lblStandardTopKeys   = lblKeys("document-version", "labels")
	lblStandardLabelKeys = lblKeys("label")
	lblFrameTopKeys      = lblKeys("documentVersion", "frameAttributes", "categoryGlobalAttributes", "labels", "annotationType", "instructions", "auditLabelAttributeName")
	lblFrameLabelKeys    = lblKeys("label", "categoryAttributes", "editsAllowed")
	lblAttributeKeys     = lblKeys("name", "type", "description", "enum", "minimum", "maximum", "editsAllowed", "isRequired")
	lblInstructionKeys   = lblKeys("shortInstruction", "fullInstruction")
	// lblFrameOnlyKeys are the frame-format keys GT5240 names in a
	// standard-format file (auditLabelAttributeName is GT2175's).
	lblFrameOnlyKeys = lblKeys("frameAttributes", "categoryGlobalAttributes", "categoryAttributes", "annotationType", "editsAllowed")
	// lblDocSpellings are the 3D-2D example's names (conflict C17).
	lblDocSpellings = map[string]string{"shortIntroduction": "shortInstruction", "fullIntroduction": "fullInstruction", "attributes": "categoryAttributes"}
)

var _ = register(Check{
	Rules: []string{"GT5100", "GT5240", "GT5275"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.known {
			return
		}
		ner := c.key == "NamedEntityRecognition"
		near := lblLabelsNearMiss(c.root)
		if c.frame {
			c.unknownKeys(c.root, "", lblFrameTopKeys, func(k *artifacts.Value) bool {
				return k.Key == "document-version" && c.root.Get("documentVersion") == nil || k == near
			})
			if l := c.labels(); l != nil {
				for i := range l.Kids {
					e := &l.Kids[i]
					if lblAllKnown(e, lblFrameLabelKeys) {
						continue
					}
					path := lblLabelPath(i, "")
					c.docSpelling(e, path, "attributes")
					c.unknownKeys(e, path, lblFrameLabelKeys, func(k *artifacts.Value) bool { return k.Key == "attributes" })
				}
			}
			if in := c.root.Get("instructions"); in != nil {
				c.instructionKeys(in)
			}
			for _, al := range c.attrLists() {
				for _, a := range al.items() {
					c.unknownKeys(a.v, a.path, lblAttributeKeys, nil)
				}
			}
			c.done()
			return
		}
		top := lblStandardTopKeys
		if ner {
			top = lblKeys("document-version", "labels", "instructions")
		}
		for i := range c.root.Kids {
			k := &c.root.Kids[i]
			switch {
			case top[k.Key], k == near, k.Key == "auditLabelAttributeName":
			case k.Key == "documentVersion" && c.root.Get("document-version") == nil:
			case lblFrameOnlyKeys[k.Key]:
				c.frameOnly(k, k.Key)
			case k.Key == "instructions":
				c.atKey("GT5100", k, "instructions", "Unknown key `instructions` at the top level of the label category file; it will be ignored or rejected. Only named entity recognition reads worker instructions from the label file; `%s` jobs take them from the worker task template.", c.key)
			default:
				c.unknown(k, artifacts.MemberPath("", k.Key), "at the top level", top)
			}
		}
		labelKeys := lblStandardLabelKeys
		if ner {
			labelKeys = lblKeys("label", "shortDisplayName")
		}
		if l := c.labels(); l != nil {
			for i := range l.Kids {
				e := &l.Kids[i]
				if e.Kind != artifacts.ObjectValue || lblAllKnown(e, labelKeys) {
					continue
				}
				path := lblLabelPath(i, "")
				for j := range e.Kids {
					k := &e.Kids[j]
					switch {
					case labelKeys[k.Key]:
					case lblFrameOnlyKeys[k.Key]:
						c.frameOnly(k, artifacts.MemberPath(path, k.Key))
					default:
						c.unknown(k, artifacts.MemberPath(path, k.Key), "in `"+path+"`", labelKeys)
					}
				}
			}
		}
		if in := c.root.Get("instructions"); ner && in != nil {
			c.instructionKeys(in)
		}
		c.done()
	},
})

// lblAllKnown reports whether every member of an object is in allowed (or
// it is not an object), the common case checked without building paths.
func lblAllKnown(obj *artifacts.Value, allowed lblKeySet) bool {
	if obj.Kind != artifacts.ObjectValue {
		return true
	}
	for i := range obj.Kids {
		if !allowed[obj.Kids[i].Key] {
			return false
		}
	}
	return true
}

func (c *labelCtx) frameOnly(k *artifacts.Value, path string) {
	c.atKey("GT5240", k, path, "`%s` is only used by 3D point cloud and video frame jobs; in this `%s` job it has no effect. Remove it, or check the task type's Lambdas.", k.Key, c.key)
}

// unknownKeys reports the members of obj outside allowed, except those
// skip claims for another rule.
func (c *labelCtx) unknownKeys(obj *artifacts.Value, path string, allowed lblKeySet, skip func(*artifacts.Value) bool) {
	if obj.Kind != artifacts.ObjectValue {
		return
	}
	where := "in `" + path + "`"
	if path == "" {
		where = "at the top level"
	}
	for i := range obj.Kids {
		k := &obj.Kids[i]
		if allowed[k.Key] || skip != nil && skip(k) {
			continue
		}
		c.unknown(k, artifacts.MemberPath(path, k.Key), where, allowed)
	}
}

func (c *labelCtx) unknown(k *artifacts.Value, path, where string, allowed lblKeySet) {
	hint := ""
	if s := lblSuggestKey(k.Key, allowed); s != "" {
		hint = fmt.Sprintf(" Did you mean `%s`?", s)
	}
	c.atKey("GT5100", k, path, "Unknown key `%s` %s of the label category file; it will be ignored or rejected.%s", k.Key, where, hint)
}

// lblSuggestKey returns the allowed key closest to k: equal ignoring case, or
// within two edits.
func lblSuggestKey(k string, allowed lblKeySet) string {
	names := make([]string, 0, len(allowed))
	for a := range allowed {
		names = append(names, a)
	}
	sort.Strings(names)
	best, bestD := "", 3
	for _, a := range names {
		if strings.EqualFold(a, k) {
			return a
		}
		if d := didyoumean.Distance(strings.ToLower(k), strings.ToLower(a)); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

// docSpelling reports the 3D-2D example's spelling key in obj, if present.
func (c *labelCtx) docSpelling(obj *artifacts.Value, path, key string) {
	if k := obj.Get(key); k != nil {
		c.atKey("GT5275", k, artifacts.MemberPath(path, key), "Use `shortInstruction`/`fullInstruction` and `categoryAttributes` (schema names) instead of `%s`; `%s` is the spelling of the 3D-2D tracking example. Rename it to `%s`.", key, key, lblDocSpellings[key])
	}
}

func (c *labelCtx) instructionKeys(in *artifacts.Value) {
	if in.Kind != artifacts.ObjectValue {
		return
	}
	c.docSpelling(in, "instructions", "shortIntroduction")
	c.docSpelling(in, "instructions", "fullIntroduction")
	c.unknownKeys(in, "instructions", lblInstructionKeys, func(k *artifacts.Value) bool {
		return k.Key == "shortIntroduction" || k.Key == "fullIntroduction"
	})
}
