#!/usr/bin/env python3
"""Read a GraphML file that kg wrote with networkx, and check it.

    pip install networkx
    python3 scripts/graphml_check.py GRAPH.graphml [--nodes N] [--edges M]
        [--node ID [--labels :Person] [--alias NAME]... [--prop KEY=VALUE]...]

Prints one JSON object: the node and edge counts networkx read, whether it
read a directed graph and parallel edges (a MultiDiGraph), and for --node
the node's label, labels and properties with lists decoded (kg writes a
list of strings as a JSON array in a string attribute, see graph/graphml).
Exits 1 when a check fails (each failure on stderr), 2 on bad usage or
when networkx is missing, 0 otherwise.
"""

import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--nodes", type=int, help="expected node count")
    ap.add_argument("--edges", type=int, help="expected edge count")
    ap.add_argument("--node", help="id of a node to show and check")
    ap.add_argument("--labels", help="expected labels of --node, e.g. :Person")
    ap.add_argument("--alias", action="append", default=[], help="an alias --node must have (repeatable)")
    ap.add_argument("--prop", action="append", default=[], help="KEY=VALUE --node must have (repeatable)")
    args = ap.parse_args()
    try:
        import networkx as nx
    except ImportError:
        print("graphml_check: networkx is not installed (pip install networkx)", file=sys.stderr)
        return 2

    g = nx.read_graphml(args.file)
    out = {
        "networkx": nx.__version__,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
    }
    fails = []
    if args.nodes is not None and out["nodes"] != args.nodes:
        fails.append(f"{out['nodes']} nodes, want {args.nodes}")
    if args.edges is not None and out["edges"] != args.edges:
        fails.append(f"{out['edges']} edges, want {args.edges}")
    if not out["directed"]:
        fails.append("the graph is not directed")
    edge_types = {}
    for _, _, data in g.edges(data=True):
        edge_types[data.get("type")] = edge_types.get(data.get("type"), 0) + 1
    out["edge_types"] = dict(sorted((str(k), v) for k, v in edge_types.items()))
    if None in edge_types:
        fails.append(f"{edge_types[None]} edges without a type")

    if args.node is not None:
        if args.node not in g:
            fails.append(f"no node {args.node!r}")
        else:
            props = {}
            for k, v in g.nodes[args.node].items():
                if isinstance(v, str) and v.startswith("["):
                    try:
                        v = json.loads(v)
                    except ValueError:
                        pass
                props[k] = v
            out["node"] = {"id": args.node, **props}
            if args.labels is not None and props.get("labels") != args.labels:
                fails.append(f"node {args.node!r}: labels {props.get('labels')!r}, want {args.labels!r}")
            aliases = props.get("aliases")
            if args.alias and not isinstance(aliases, list):
                fails.append(f"node {args.node!r}: aliases {aliases!r} is not a list")
            for a in args.alias:
                if not isinstance(aliases, list) or a not in aliases:
                    fails.append(f"node {args.node!r}: alias {a!r} missing from {aliases!r}")
            for kv in args.prop:
                k, _, v = kv.partition("=")
                if str(props.get(k)) != v:
                    fails.append(f"node {args.node!r}: {k} = {props.get(k)!r}, want {v!r}")
    elif args.labels or args.alias or args.prop:
        print("graphml_check: --labels, --alias and --prop need --node", file=sys.stderr)
        return 2

    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
    print()
    for f in fails:
        print("graphml_check: " + f, file=sys.stderr)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
