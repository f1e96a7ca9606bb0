// Package didyoumean finds the known name closest to a misspelt one, for
// "did you mean" in findings and errors.
package didyoumean

import "strings"

// MaxDistance is the edit distance up to which a name counts as close.
const MaxDistance = 3

// Closest returns the name closest to s: a case-insensitive match, else
// the nearest within MaxDistance edits, else "". Ties go to the first name.
func Closest(s string, names []string) string {
	ls := strings.ToLower(s)
	for _, n := range names {
		if strings.ToLower(n) == ls {
			return n
		}
	}
	best, bestD := "", MaxDistance+1
	for _, n := range names {
		if d := Distance(ls, strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b in runes. Long
// inputs are not compared (a spec value can be 2048 characters) and count
// as far apart.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 128 || len(rb) > 128 {
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
