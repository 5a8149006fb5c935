package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"sync"
	"syscall"
)

// loadGen is workload W0: idle child processes in one process group plus
// loopback TCP and UDP sockets held by this process. stop tears everything
// down; it is idempotent and is called from a defer, from the signal
// handler and on every error path. The children also get PR_SET_PDEATHSIG
// (SIGKILL), so they die with us even if we are SIGKILLed.
type loadGen struct {
	mu    sync.Mutex
	pgid  int
	cmds  []*exec.Cmd
	socks []interface{ Close() error }
	done  bool
}

func startLoad(procs, tcpConns, udpSocks int) (*loadGen, error) {
	g := &loadGen{}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		return g, err
	}
	for i := 0; i < procs; i++ {
		c := exec.Command(sleep, "3600")
		c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pgid: g.pgid, Pdeathsig: syscall.SIGKILL}
		if err := c.Start(); err != nil {
			return g, fmt.Errorf("loadgen: start child %d: %w", i, err)
		}
		g.mu.Lock()
		if g.pgid == 0 {
			g.pgid = c.Process.Pid
		}
		g.cmds = append(g.cmds, c)
		g.mu.Unlock()
	}
	for _, nw := range []struct{ net, addr string }{{"tcp4", "127.0.0.1:0"}, {"tcp6", "[::1]:0"}} {
		ln, err := net.Listen(nw.net, nw.addr)
		if err != nil {
			if nw.net == "tcp6" {
				continue // no IPv6 loopback
			}
			return g, err
		}
		g.add(ln)
		for i := 0; i < tcpConns/2; i++ {
			c, err := net.Dial(nw.net, ln.Addr().String())
			if err != nil {
				return g, err
			}
			g.add(c)
			s, err := ln.Accept()
			if err != nil {
				return g, err
			}
			g.add(s)
		}
	}
	for _, nw := range []struct{ net, addr string }{{"udp4", "127.0.0.1:0"}, {"udp6", "[::1]:0"}} {
		for i := 0; i < udpSocks/2; i++ {
			a, err := net.ResolveUDPAddr(nw.net, nw.addr)
			if err != nil {
				return g, err
			}
			u, err := net.ListenUDP(nw.net, a)
			if err != nil {
				if nw.net == "udp6" {
					break
				}
				return g, err
			}
			g.add(u)
		}
	}
	return g, nil
}

func (g *loadGen) add(c interface{ Close() error }) {
	g.mu.Lock()
	g.socks = append(g.socks, c)
	g.mu.Unlock()
}

func (g *loadGen) stop() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.done {
		return
	}
	g.done = true
	if g.pgid > 0 {
		_ = syscall.Kill(-g.pgid, syscall.SIGKILL)
	}
	for _, c := range g.cmds {
		_ = c.Process.Kill()
		_ = c.Wait()
	}
	for _, s := range g.socks {
		_ = s.Close()
	}
	if len(g.cmds) > 0 {
		fmt.Fprintf(os.Stderr, "loadgen: killed %d children (pgid %d), closed %d sockets\n",
			len(g.cmds), g.pgid, len(g.socks))
	}
}
