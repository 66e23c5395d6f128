package server

import (
	"net/http"
	"testing"
)

// Anonymous subscribers are counted by address: the connection's, or the one a trusted proxy's
// header names (the last of X-Forwarded-For, which the proxy appended); an IPv6 client by its /64.
func TestClientKeys(t *testing.T) {
	for _, c := range []struct {
		remote, header, value, want string
	}{
		{"192.0.2.7:5000", "", "", "192.0.2.7"},
		{"192.0.2.7:5000", "X-Forwarded-For", "", "192.0.2.7"},
		{"10.0.0.2:5000", "X-Forwarded-For", "203.0.113.9, 198.51.100.4", "198.51.100.4"},
		{"10.0.0.2:5000", "X-Real-IP", "198.51.100.4", "198.51.100.4"},
		{"[2001:db8:1:2:aaaa::1]:5000", "", "", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:bbbb::9]:5000", "", "", "2001:db8:1:2::/64"},
		{"10.0.0.2:5000", "X-Real-IP", "2001:db8:1:3::5", "2001:db8:1:3::/64"},
		{"10.0.0.2:5000", "", "2001:db8:1:3::5", "10.0.0.2"}, // a header nobody trusts is ignored
	} {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.remote
		if c.value != "" {
			r.Header.Set("X-Real-IP", c.value)
			r.Header.Set("X-Forwarded-For", c.value)
		}
		if got := clientKey(r, c.header); got != c.want {
			t.Errorf("%s with %s %q: %q, want %q", c.remote, c.header, c.value, got, c.want)
		}
	}
}
