package checks

// GT7120, and what the policy checks (GT7110, GT7120, GT7125, GT7160)
// share: the cached aws.Policies reader, a key-policy evaluator and the
// "may the role use this key" decision.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
)

// gt7120Actions are the actions of RULES.md GT7120 as the calls S3 and
// SageMaker make: kms:ReEncrypt* is ReEncryptFrom and ReEncryptTo,
// kms:GenerateDataKey* is GenerateDataKey.
var gt7120Actions = []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:DescribeKey"}

// GT7120: OutputConfig.KmsKeyId's key policy must let the execution role
// use the key. A grant to the role's account root delegates to IAM, which
// then decides (SimulatePrincipalPolicy on the key ARN). What cannot be
// decided with certainty (conditions, NotPrincipal/NotAction, IAM context
// keys) is a warning saying what to verify, never an error.
var _ = registerOnline(Check{
	Rules: []string{"GT7120"},
	Run: func(p *Pass) {
		const path = "OutputConfig.KmsKeyId"
		key, ok := p.Str(path)
		if !ok || !kmsKeyForm(key, true) {
			return // absent, or GT1085/GT7100's
		}
		role, ok := p.policyRole("GT7120", path)
		if !ok {
			return
		}
		pol, ok := p.policies("GT7120", path)
		if !ok {
			return
		}
		if a, ok := groundtruth.ParseARN(key); ok && a.Account != "" && a.Account != role.acct {
			p.onlineSkip("GT7120", path, "the key is in account "+a.Account+", not the role's account "+role.acct+"; KMS GetKeyPolicy does not work across accounts. Verify that its key policy grants "+role.arn+" "+strings.Join(gt7120Actions, ", "))
			return
		}
		k, err := pol.KMSKey(p.ctx(), key)
		if err != nil {
			p.onlineTrouble("GT7120", path, kmsOp(err)+" on key "+key, kmsPerm(err), err)
			return
		}
		missing := p.keyAccess("GT7120", path, pol, k, role, gt7120Actions)
		if len(missing) > 0 {
			p.Reportf("GT7120", path,
				"KMS key `%s` must allow the execution role to Encrypt/Decrypt/ReEncrypt*/GenerateDataKey*/DescribeKey; `%s` lacks %s (add a key policy statement for the role, as in gt/sms-security-kms-permissions.md).",
				key, role.arn, strings.Join(missing, ", "))
		}
	},
})

// kmsKeyForm reports whether s is one of the GT7100 key forms (aliases
// only where allowed).
func kmsKeyForm(s string, alias bool) bool {
	if kmsKeyID.MatchString(s) || kmsKeyARN.MatchString(s) {
		return true
	}
	return alias && (kmsAlias.MatchString(s) || kmsAliasARN.MatchString(s))
}

// policyRole is the execution role of the spec, when it is an IAM role ARN
// in the account of the credentials (IAM cannot simulate or read roles of
// another account: the rule is then skipped with a warning).
type policyRoleInfo struct {
	arn, name, acct, partition string
}

func (p *Pass) policyRole(rule, path string) (policyRoleInfo, bool) {
	s, ok := p.Str("RoleArn")
	if !ok {
		return policyRoleInfo{}, false
	}
	a, ok := groundtruth.ParseARN(s)
	if !ok || a.Service != "iam" || !strings.HasPrefix(a.Resource, "role/") {
		return policyRoleInfo{}, false
	}
	r := policyRoleInfo{arn: s, name: lastSegment(a), acct: a.Account, partition: a.Partition}
	if r.name == "" {
		return policyRoleInfo{}, false
	}
	if acct := p.callerAccount(); acct != "" && a.Account != "" && acct != a.Account {
		p.onlineSkip(rule, path, "the role is in account "+a.Account+" but the credentials are for account "+acct+", so its policies cannot be read")
		return policyRoleInfo{}, false
	}
	return r, true
}

// policies is the run's policy reader, or a warning under rule when there
// is none.
func (p *Pass) policies(rule, path string) (aws.Policies, bool) {
	if p.AWS == nil {
		return nil, false
	}
	if u, ok := p.AWS.IAM.(unavailable); ok {
		return u, true // every call fails with the reason
	}
	if p.AWS.Policies == nil {
		p.onlineSkip(rule, path, "the AWS clients have no policy reader (IAM SimulatePrincipalPolicy, KMS, SNS)")
		return nil, false
	}
	return p.AWS.Policies, true
}

func kmsOp(err error) string {
	var ae *aws.APIError
	if errors.As(err, &ae) && ae.Op == "GetKeyPolicy" {
		return "kms:GetKeyPolicy"
	}
	return "kms:DescribeKey"
}

func kmsPerm(err error) string { return kmsOp(err) }

// keyAccess returns the actions the role certainly may not use key for:
// the key policy grants them to neither the role nor its account, or an
// unconditional Deny applies, or IAM (for account-root grants, and for a
// role of another account than the key) does not allow them. Actions it
// cannot decide are reported as a warning under rule; a failed IAM
// simulation as onlineTrouble.
func (p *Pass) keyAccess(rule, path string, pol aws.Policies, k *aws.KMSKey, role policyRoleInfo, actions []string) []string {
	grants, err := evalKeyPolicy(k.Policy, role.arn, role.acct, actions)
	if err != nil {
		p.onlineSkip(rule, path, fmt.Sprintf("the key policy of %s could not be read (%v); verify that it grants %s %s", k.ARN, err, role.arn, strings.Join(actions, ", ")))
		return nil
	}
	var missing, unsure, viaIAM []string
	for _, a := range actions {
		switch g := grants[a]; {
		case g == grantNone || g == grantDenied:
			missing = append(missing, a)
		case g == grantUnsure:
			unsure = append(unsure, a)
		case g == grantRoot || (g == grantRole && k.Account != "" && k.Account != role.acct):
			viaIAM = append(viaIAM, a)
		}
	}
	if len(viaIAM) > 0 {
		res := []string{}
		if k.ARN != "" {
			res = append(res, k.ARN)
		}
		ds, err := pol.SimulatePrincipalPolicy(p.ctx(), role.arn, viaIAM, res)
		if err != nil {
			p.onlineTrouble(rule, path, "iam:SimulatePrincipalPolicy for role "+role.name+" ("+strings.Join(viaIAM, ", ")+" on "+k.ARN+", granted to the account by the key policy)", "iam:SimulatePrincipalPolicy", err)
		} else {
			for _, a := range viaIAM {
				d, ok := ds[a]
				switch {
				case !ok:
					unsure = append(unsure, a)
				case d.Allowed:
				case len(d.MissingContext) > 0:
					unsure = append(unsure, a)
				default:
					missing = append(missing, a)
				}
			}
		}
	}
	if len(unsure) > 0 {
		p.reportGraded(rules.Warning, rule, Locate(p.Root, path), path,
			"%s (%s): could not decide whether the execution role `%s` may use %s on KMS key `%s`: the key policy grants them only under conditions (or with NotPrincipal/NotAction), or the role's IAM policies depend on context keys. Verify that the key policy and the role's policies allow them.",
			rule, rules.MustGet(rule).Title, role.arn, strings.Join(unsure, ", "), k.ARN)
	}
	return missing
}

// ---- key-policy evaluation ----

// keyGrant is what a key policy says about one action for one role.
type keyGrant int

const (
	grantNone   keyGrant = iota // no statement grants it
	grantRole                   // granted to the role ARN (or to "*") without conditions
	grantRoot                   // granted to the role's account root: IAM decides
	grantUnsure                 // only under conditions, NotPrincipal/NotAction, or a conditional Deny
	grantDenied                 // an unconditional Deny applies to the role
)

func (g keyGrant) String() string {
	return [...]string{"none", "role", "root", "unsure", "denied"}[g]
}

type policyStatement struct {
	Effect       string          `json:"Effect"`
	Principal    json.RawMessage `json:"Principal"`
	NotPrincipal json.RawMessage `json:"NotPrincipal"`
	Action       json.RawMessage `json:"Action"`
	NotAction    json.RawMessage `json:"NotAction"`
	Condition    json.RawMessage `json:"Condition"`
}

// parsePolicy reads the statements of a policy document (Statement is an
// object or a list).
func parsePolicy(doc string) ([]policyStatement, error) {
	var d struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return nil, fmt.Errorf("not a JSON policy: %v", err)
	}
	var sts []policyStatement
	raw := strings.TrimSpace(string(d.Statement))
	switch {
	case raw == "" || raw == "null":
		return nil, nil
	case strings.HasPrefix(raw, "["):
		if err := json.Unmarshal(d.Statement, &sts); err != nil {
			return nil, fmt.Errorf("bad Statement: %v", err)
		}
	default:
		var s policyStatement
		if err := json.Unmarshal(d.Statement, &s); err != nil {
			return nil, fmt.Errorf("bad Statement: %v", err)
		}
		sts = []policyStatement{s}
	}
	return sts, nil
}

// stringList reads a JSON string or list of strings; absent is nil.
func stringList(raw json.RawMessage) ([]string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, true
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}, true
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		return many, true
	}
	return nil, false
}

// principalValues returns the values of a Principal for one type ("AWS",
// "Service"); "*" stands for everyone. ok false: malformed.
func principalValues(raw json.RawMessage, typ string) (vals []string, any bool, ok bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, false, true
	}
	var star string
	if json.Unmarshal(raw, &star) == nil {
		return nil, star == "*", true
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, false, false
	}
	for k, v := range m {
		if !strings.EqualFold(k, typ) {
			continue
		}
		l, ok := stringList(v)
		if !ok {
			return nil, false, false
		}
		for _, s := range l {
			if s == "*" {
				any = true
			}
		}
		vals = append(vals, l...)
	}
	return vals, any, true
}

const (
	whoNone = iota
	whoRoot
	whoRole // the role itself, or everyone
)

// who tells whether AWS principals name the role, its account, or neither.
func who(vals []string, any bool, roleARN, acct string) int {
	if any {
		return whoRole
	}
	w := whoNone
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if strings.EqualFold(v, roleARN) {
			return whoRole
		}
		if acct != "" && (v == acct || (strings.HasPrefix(v, "arn:") && strings.HasSuffix(v, ":iam::"+acct+":root"))) {
			w = whoRoot
		}
	}
	return w
}

// actionMatches reports whether one of the patterns (IAM wildcards * and
// ?, case-insensitive) matches action.
func actionMatches(patterns []string, action string) bool {
	for _, p := range patterns {
		if wildcardMatch(strings.ToLower(strings.TrimSpace(p)), strings.ToLower(action)) {
			return true
		}
	}
	return false
}

func wildcardMatch(p, s string) bool {
	// iterative glob with backtracking on the last '*'
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// covers reports whether a statement's Action/NotAction covers action.
func covers(s policyStatement, action string) (bool, error) {
	if len(s.NotAction) > 0 && string(s.NotAction) != "null" {
		l, ok := stringList(s.NotAction)
		if !ok {
			return false, errors.New("bad NotAction")
		}
		return !actionMatches(l, action), nil
	}
	l, ok := stringList(s.Action)
	if !ok {
		return false, errors.New("bad Action")
	}
	return actionMatches(l, action), nil
}

func hasCondition(s policyStatement) bool {
	c := strings.TrimSpace(string(s.Condition))
	return c != "" && c != "null" && c != "{}"
}

// evalKeyPolicy decides, per action, what the key policy doc grants the
// role roleARN of account acct. Resource is not looked at: in a key policy
// it means the key itself.
func evalKeyPolicy(doc, roleARN, acct string, actions []string) (map[string]keyGrant, error) {
	sts, err := parsePolicy(doc)
	if err != nil {
		return nil, err
	}
	type flags struct{ role, root, unsure, deny, unsureDeny bool }
	fs := make(map[string]*flags, len(actions))
	for _, a := range actions {
		fs[a] = &flags{}
	}
	for _, s := range sts {
		allow := strings.EqualFold(s.Effect, "Allow")
		if !allow && !strings.EqualFold(s.Effect, "Deny") {
			return nil, fmt.Errorf("statement with Effect %q", s.Effect)
		}
		notPrincipal := len(s.NotPrincipal) > 0 && string(s.NotPrincipal) != "null"
		var w int
		if notPrincipal {
			vals, _, ok := principalValues(s.NotPrincipal, "AWS")
			if !ok {
				return nil, errors.New("bad NotPrincipal")
			}
			if who(vals, false, roleARN, "") == whoRole {
				continue // the role is excluded
			}
		} else {
			vals, any, ok := principalValues(s.Principal, "AWS")
			if !ok {
				return nil, errors.New("bad Principal")
			}
			w = who(vals, any, roleARN, acct)
			if w == whoNone {
				continue
			}
		}
		cond := hasCondition(s)
		for _, a := range actions {
			c, err := covers(s, a)
			if err != nil {
				return nil, err
			}
			if !c {
				continue
			}
			f := fs[a]
			switch {
			case !allow && (cond || notPrincipal):
				f.unsureDeny = true
			case !allow:
				f.deny = true // a Deny to the account root applies to its roles too
			case cond || notPrincipal:
				f.unsure = true
			case w == whoRole:
				f.role = true
			default:
				f.root = true
			}
		}
	}
	out := make(map[string]keyGrant, len(actions))
	for _, a := range actions {
		f := fs[a]
		switch {
		case f.deny:
			out[a] = grantDenied
		case (f.role || f.root || f.unsure) && f.unsureDeny:
			out[a] = grantUnsure
		case f.role:
			out[a] = grantRole
		case f.root:
			out[a] = grantRoot
		case f.unsure:
			out[a] = grantUnsure
		default:
			out[a] = grantNone
		}
	}
	return out, nil
}

// ---- the cached policy reader ----

// cachedPolicies puts the run's cache in front of aws.Policies. IAM
// answers the same in every Region; KMS and SNS are keyed by Region.
type cachedPolicies struct {
	p      aws.Policies
	o      *Online
	region string
}

func (c *cachedPolicies) SimulatePrincipalPolicy(ctx context.Context, principal string, actions, resources []string) (map[string]aws.Decision, error) {
	key := fmt.Sprintf("iam|SimulatePrincipalPolicy|%s|%q|%q", principal, actions, resources)
	v, err := c.o.do(ctx, key, func() (any, error) {
		return c.p.SimulatePrincipalPolicy(ctx, principal, actions, resources)
	})
	m, _ := v.(map[string]aws.Decision)
	return m, err
}

func (c *cachedPolicies) RoleTrustPolicy(ctx context.Context, name string) (string, error) {
	v, err := c.o.do(ctx, "iam|RoleTrustPolicy|"+name, func() (any, error) {
		return c.p.RoleTrustPolicy(ctx, name)
	})
	s, _ := v.(string)
	return s, err
}

func (c *cachedPolicies) KMSKey(ctx context.Context, id string) (*aws.KMSKey, error) {
	v, err := c.o.do(ctx, "kms|"+c.region+"|KMSKey|"+id, func() (any, error) {
		return c.p.KMSKey(ctx, id)
	})
	k, _ := v.(*aws.KMSKey)
	return k, err
}

func (c *cachedPolicies) TopicKMSKey(ctx context.Context, topic string) (string, error) {
	v, err := c.o.do(ctx, "sns|"+c.region+"|TopicKMSKey|"+topic, func() (any, error) {
		return c.p.TopicKMSKey(ctx, topic)
	})
	s, _ := v.(string)
	return s, err
}

// unavailable (online.go) answers the policy reads with its error too.
func (u unavailable) SimulatePrincipalPolicy(context.Context, string, []string, []string) (map[string]aws.Decision, error) {
	return nil, u.err
}
func (u unavailable) RoleTrustPolicy(context.Context, string) (string, error) { return "", u.err }
func (u unavailable) KMSKey(context.Context, string) (*aws.KMSKey, error)     { return nil, u.err }
func (u unavailable) TopicKMSKey(context.Context, string) (string, error)     { return "", u.err }
