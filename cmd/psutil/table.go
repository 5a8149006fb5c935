package main

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// table collects rows and writes them as aligned columns separated by two
// spaces. A column whose non-empty cells (header excluded) all look like
// numbers, sizes or percentages ("12", "1.5G", "37.0%", "-") is
// right-aligned; the others are left-aligned. The last column is never
// padded on the right.
type table struct {
	header []string
	rows   [][]string
}

// newTable starts a table; with no headers none is printed.
func newTable(headers ...string) *table {
	return &table{header: headers}
}

// row adds one row. Cells are formatted with fmt's %v.
func (t *table) row(cells ...any) {
	r := make([]string, len(cells))
	for i, c := range cells {
		if s, ok := c.(string); ok {
			r[i] = s
		} else {
			r[i] = fmt.Sprint(c)
		}
	}
	t.rows = append(t.rows, r)
}

// looksNumeric reports whether s is a number optionally followed by one
// unit letter or '%' (or "/s"), a Go duration, or a "-", "?" or "..."
// placeholder.
func looksNumeric(s string) bool {
	if s == "-" || s == "?" || s == "..." {
		return true
	}
	if _, err := time.ParseDuration(s); err == nil {
		return true // "12m28.044s"
	}
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimSuffix(s, "/s")
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ':':
		case i == len(s)-1 && strings.IndexByte("%BKMGTPEZYs", c) >= 0:
		default:
			return false
		}
	}
	return digits > 0
}

// write prints the table to w.
func (t *table) write(w io.Writer) {
	ncol := len(t.header)
	for _, r := range t.rows {
		if len(r) > ncol {
			ncol = len(r)
		}
	}
	width := make([]int, ncol)
	right := make([]bool, ncol)
	for i := range right {
		right[i] = true
		seen := false
		for _, r := range t.rows {
			if i < len(r) && r[i] != "" {
				seen = true
				if !looksNumeric(r[i]) {
					right[i] = false
					break
				}
			}
		}
		if !seen {
			right[i] = false
		}
	}
	all := t.rows
	if len(t.header) > 0 {
		all = append([][]string{t.header}, t.rows...)
	}
	for _, r := range all {
		for i, c := range r {
			if n := utf8.RuneCountInString(c); n > width[i] {
				width[i] = n
			}
		}
	}
	var b strings.Builder
	for _, r := range all {
		b.Reset()
		for i, c := range r {
			pad := width[i] - utf8.RuneCountInString(c)
			if i > 0 {
				b.WriteString("  ")
			}
			if right[i] {
				b.WriteString(strings.Repeat(" ", pad))
				b.WriteString(c)
			} else {
				b.WriteString(c)
				if i < len(r)-1 {
					b.WriteString(strings.Repeat(" ", pad))
				}
			}
		}
		io.WriteString(w, strings.TrimRight(b.String(), " ")+"\n")
	}
}
