package main

import (
	"sort"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "pstree",
		Usage:   "pstree [--json]",
		Summary: "process tree, like pstree(1)",
		Run:     runPstree,
	})
}

type treeNode struct {
	PID      int         `json:"pid"`
	Name     string      `json:"name"`
	Children []*treeNode `json:"children"`
}

// buildTree returns the roots: processes whose parent is not listed.
func buildTree() ([]*treeNode, error) {
	nodes := map[int]*treeNode{}
	parent := map[int]int{}
	var order []int
	for p, err := range psutil.Processes("ppid", "name") {
		if err != nil {
			return nil, err
		}
		name, err := p.Name()
		if err != nil {
			name = "?"
		}
		ppid, _ := p.PPID()
		nodes[p.PID()] = &treeNode{PID: p.PID(), Name: name, Children: []*treeNode{}}
		parent[p.PID()] = ppid
		order = append(order, p.PID())
	}
	sort.Ints(order)
	var roots []*treeNode
	for _, pid := range order {
		n := nodes[pid]
		pp, ok := nodes[parent[pid]]
		if ok && parent[pid] != pid {
			pp.Children = append(pp.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots, nil
}

func runPstree(ctx *runCtx, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	roots, err := buildTree()
	if err != nil {
		return err
	}
	if ctx.JSON {
		if roots == nil {
			roots = []*treeNode{}
		}
		return ctx.printJSON(roots)
	}
	for _, r := range roots {
		printTree(ctx, r, "")
	}
	return nil
}

// printTree draws the tree as psutil's pstree.py does ("|- " and "`_ ").
func printTree(ctx *runCtx, n *treeNode, indent string) {
	ctx.printf("%d %s\n", n.PID, n.Name)
	for i, c := range n.Children {
		if i < len(n.Children)-1 {
			ctx.printf("%s|- ", indent)
			printTree(ctx, c, indent+"| ")
		} else {
			ctx.printf("%s`_ ", indent)
			printTree(ctx, c, indent+"  ")
		}
	}
}
