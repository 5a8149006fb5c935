package main

import (
	"encoding/json"
	"math"
	"testing"
)

func TestPyFloat(t *testing.T) {
	// Expected strings are Python's json.dumps(float).
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {100, "100.0"}, {2.5, "2.5"}, {-1.25, "-1.25"}, {17.7, "17.7"},
		{1795549627.76, "1795549627.76"}, {1e16, "1e+16"}, {1.5e-05, "1.5e-05"},
		{0.0001, "0.0001"}, {math.NaN(), "null"},
	} {
		b, err := json.Marshal(pyFloat(c.f))
		if err != nil || string(b) != c.want {
			t.Errorf("pyFloat(%v) = %s, %v; want %s", c.f, b, err, c.want)
		}
	}
}

func TestJSONValue(t *testing.T) {
	type inner struct {
		A int     `json:"a"`
		B float64 `json:"b"`
	}
	type outer struct {
		inner
		C    string  `json:"c,omitempty"`
		D    *inner  `json:"d"`
		E    []inner `json:"e"`
		skip int
		F    int `json:"-"`
	}
	b, err := json.Marshal(jsonValue(outer{inner: inner{1, 2}, E: []inner{{3, 0.5}}}))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"a":1,"b":2.0,"d":null,"e":[{"a":3,"b":0.5}]}`
	if string(b) != want {
		t.Errorf("jsonValue = %s, want %s", b, want)
	}
	if psutilKeys("sswap") == nil {
		return // no field list for this OS: pick keeps everything
	}
	m := pick(struct {
		Total   uint64  `json:"total"`
		Percent float64 `json:"percent"`
		Wired   uint64  `json:"wired"`
	}{1, 0, 2}, "sswap")
	b, _ = json.Marshal(m)
	if got := string(b); got != `{"percent":0.0,"total":1}` {
		t.Errorf("pick(sswap) = %s", got)
	}
}
