#!/usr/bin/env python3
"""The real-article development set (testdata/realdev): check, split, score.

  scripts/realdev.py check                 texts/ against the manifest, gold files present and valid
                                           (REALDEV_TEXTS=DIR checks a rebuilt folder elsewhere)
  scripts/realdev.py split                 set each entry's split from its URL's hash (34 in 100 blind)
  scripts/realdev.py score [--split S] [--lang L] [--json] [--record NOTE]
                                           build the split with kg and score it against the gold
                                           (micro-averaged: counts summed over articles)

The texts are other people's articles and are never committed; see
testdata/realdev/README.md for how a helper rebuilds texts/ and why. The
blind split's errors are not for reading: `score --split blind` prints the
scores only, and `--record` appends them to testdata/realdev/SCORES.md.
"""
import argparse, datetime, glob, hashlib, json, os, re, subprocess, sys, tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "testdata", "realdev")
FIELDS = ["id", "url", "title", "outlet", "published", "lang", "split", "first", "last", "bytes", "sha256"]


def manifest():
    """All entries of manifest.d/*.yaml, with the file each came from."""
    out, problems = [], []
    for path in sorted(glob.glob(os.path.join(DIR, "manifest.d", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        for i, a in enumerate(data.get("articles") or []):
            where = "%s: articles[%d]" % (os.path.relpath(path, ROOT), i)
            missing = [k for k in FIELDS if a.get(k) in (None, "")]
            extra = sorted(set(a) - set(FIELDS))
            if missing:
                problems.append("%s: missing %s" % (where, ", ".join(missing)))
            if extra:
                problems.append("%s: unknown %s" % (where, ", ".join(extra)))
            a["_file"], a["_where"] = path, where
            out.append(a)
    seen = {}
    for a in out:
        for key in ("id", "url"):
            v = a.get(key)
            if v in seen.get(key, {}):
                problems.append("%s: %s %r repeats %s" % (a["_where"], key, v, seen[key][v]))
            seen.setdefault(key, {})[v] = a["_where"]
        if a.get("split") not in ("dev", "blind"):
            problems.append("%s: split %r, want dev or blind" % (a["_where"], a.get("split")))
        if a.get("lang") not in ("en", "ko", "mixed"):
            problems.append("%s: lang %r, want en, ko or mixed" % (a["_where"], a.get("lang")))
        try:
            datetime.date.fromisoformat(str(a.get("published")))
        except ValueError:
            problems.append("%s: published %r is not YYYY-MM-DD" % (a["_where"], a.get("published")))
    return out, problems


TEXTS = os.environ.get("REALDEV_TEXTS") or os.path.join(DIR, "texts")


def text_path(a):
    return os.path.join(TEXTS, a["id"] + ".txt")


def gold_path(a):
    return os.path.join(DIR, "gold", a["id"] + ".gold.yaml")


def fold(s):
    return re.sub(r"[\s\-‐·.]", "", s).casefold()


def cmd_check(args):
    arts, problems = manifest()
    texts = 0
    for a in arts:
        if not os.path.exists(gold_path(a)):
            problems.append("%s: no gold file %s" % (a["_where"], os.path.relpath(gold_path(a), ROOT)))
        p = text_path(a)
        if not os.path.exists(p):
            if args.partial:
                continue
            problems.append("%s: no text %s (rebuild texts/, see the README)" % (a["_where"], os.path.relpath(p, ROOT)))
            continue
        texts += 1
        data = open(p, "rb").read()
        if len(data) != a.get("bytes") or hashlib.sha256(data).hexdigest() != a.get("sha256"):
            problems.append("%s: %s has %d bytes, sha256 %s; the manifest says %s bytes, %s"
                            % (a["_where"], os.path.relpath(p, ROOT), len(data), hashlib.sha256(data).hexdigest()[:12],
                               a.get("bytes"), str(a.get("sha256"))[:12]))
        s = data.decode("utf-8", "replace")
        if os.path.exists(gold_path(a)):
            # a scored entity is one the text names: by its name or an alias
            folded = fold(s)
            for e in (yaml.safe_load(open(gold_path(a), encoding="utf-8")) or {}).get("entities") or []:
                if not any(fold(n) in folded for n in [e.get("name", "")] + (e.get("aliases") or []) if n):
                    problems.append("%s: gold entity %r is not named in the text (make it optional_entities)" % (a["_where"], e.get("name")))
        if not s.startswith(str(a.get("first"))):
            problems.append("%s: text does not start with %r" % (a["_where"], a.get("first")))
        if not s.rstrip("\n").endswith(str(a.get("last"))):
            problems.append("%s: text does not end with %r" % (a["_where"], a.get("last")))
    golds = [gold_path(a) for a in arts if os.path.exists(gold_path(a))]
    if golds:
        r = subprocess.run(["go", "run", "./cmd/goldcheck"] + golds, cwd=ROOT, capture_output=True, text=True)
        if r.returncode != 0:
            problems += r.stderr.strip().splitlines()
    orphans = set(glob.glob(os.path.join(DIR, "gold", "*.gold.yaml"))) - set(golds)
    problems += ["%s: gold file without a manifest entry" % os.path.relpath(o, ROOT) for o in sorted(orphans)]
    n = len(arts)
    blind = sum(1 for a in arts if a.get("split") == "blind")
    by = lambda k: ", ".join("%s %d" % (v, sum(1 for a in arts if a.get(k) == v)) for v in sorted({str(a.get(k)) for a in arts}))
    print("%d articles (%s; %s), %d outlets, %d blind; %d texts present" % (n, by("lang"), by("split"), len({a.get("outlet") for a in arts}), blind, texts))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def blind_by_hash(url):
    # 34 in 100 URLs, by hash: the split does not depend on content or on
    # which other articles exist (68 articles gave 28 blind).
    return int(hashlib.sha256(("kg-realdev:" + url).encode()).hexdigest(), 16) % 100 < 34


def cmd_split(args):
    """Sets every entry's split from its URL's hash. The rule is a function
    of the URL alone, so running it again, or after adding articles, never
    moves an article between splits."""
    changed = 0
    for path in sorted(glob.glob(os.path.join(DIR, "manifest.d", "*.yaml"))):
        lines = open(path, encoding="utf-8").read().split("\n")
        urls = [a.get("url") for a in (yaml.safe_load("\n".join(lines)) or {}).get("articles") or []]
        k = -1
        for i, line in enumerate(lines):
            s = line.strip()
            if s.startswith("- "):
                k += 1
            if s.startswith("split:") and 0 <= k < len(urls):
                new = line[: line.index("split:")] + "split: " + ("blind" if blind_by_hash(urls[k]) else "dev")
                if new != line:
                    lines[i], changed = new, changed + 1
        open(path, "w", encoding="utf-8").write("\n".join(lines))
    print("%d entries changed" % changed)
    return 0


def run(cmd, **kw):
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    if r.returncode not in (0, 1):
        sys.exit("%s: exit %d\n%s" % (" ".join(cmd), r.returncode, r.stderr))
    return r


def score(arts, kg, tmp):
    """Build arts as one corpus and score it; returns the corpus report."""
    feed = os.path.join(tmp, "feed.jsonl")
    golds = os.path.join(tmp, "gold")
    os.makedirs(golds, exist_ok=True)
    gold_meetings = 0
    with open(feed, "w", encoding="utf-8") as f:
        for a in arts:
            text = open(text_path(a), encoding="utf-8").read()
            f.write(json.dumps({"id": a["id"], "url": a["url"], "title": a["title"], "source": a["outlet"],
                                "published": str(a["published"]), "text": text}, ensure_ascii=False) + "\n")
            g = yaml.safe_load(open(gold_path(a), encoding="utf-8"))
            g.setdefault("document", {})["id"] = a["id"]
            gold_meetings += len(g.get("meetings") or [])
            with open(os.path.join(golds, a["id"] + ".gold.yaml"), "w", encoding="utf-8") as out:
                yaml.safe_dump(g, out, allow_unicode=True, sort_keys=False)
    graph = os.path.join(tmp, "graph.json")
    r = run([kg, "build", feed, "--out", graph])
    if not os.path.exists(graph):
        sys.exit("kg build failed:\n" + r.stderr)
    r = run([kg, "eval", "--json", "--gold-dir", golds, graph])
    rep = json.loads(r.stdout)
    rep["_gold_meetings"] = gold_meetings
    return rep


def row(rep):
    f = lambda k: rep[k]["f1"]
    s = lambda k: rep[k]["share"] if rep[k]["total"] else float("nan")
    return {"entities": f("entities"), "roles": f("roles"), "meetings": f("meetings"), "partnerships": f("partnerships"),
            "meeting_recall": rep["meetings"]["recall"], "partnership_recall": rep["partnerships"]["recall"],
            "dates": s("meeting_dates"), "places": s("meeting_places"), "titles": s("titles"),
            # gold meetings found (a Meeting node with two or more of their people), of all
            "meetings_found": rep["meeting_places"]["total"], "meetings_gold": rep.get("_gold_meetings", 0)}


def cmd_score(args):
    arts, problems = manifest()
    # an entry counts in the split its URL's hash gives it, whatever the
    # manifest says, so that an article not yet split (a collector writes
    # "dev") is never read as dev before it may turn out blind; entries
    # without their text or gold yet are left out
    ready = []
    for a in arts:
        want = "blind" if blind_by_hash(str(a.get("url"))) else "dev"
        if a.get("split") != want:
            print("%s: split %r, its hash says %r (run split); left out" % (a["_where"], a.get("split"), want), file=sys.stderr)
            continue
        if os.path.exists(text_path(a)) and os.path.exists(gold_path(a)):
            ready.append(a)
    arts = [a for a in ready if args.split in ("all", a["split"]) and (not args.batches or a["id"][0] in args.batches)]
    if not arts:
        sys.exit("no texts for split %s: rebuild texts/ first" % args.split)
    with tempfile.TemporaryDirectory() as tmp:
        kg = os.path.join(tmp, "kg")
        subprocess.run(["go", "build", "-o", kg, "./cmd/kg"], cwd=ROOT, check=True)
        groups = [("all", arts)] + [(l, [a for a in arts if a["lang"] == l]) for l in ("en", "ko", "mixed")]
        results = {}
        for name, group in groups:
            if args.lang not in ("all", name) and name != "all" or not group:
                continue
            with tempfile.TemporaryDirectory(dir=tmp) as sub:
                results[name] = (len(group), score(group, kg, sub))
    if args.json:
        json.dump({k: {"articles": n, **row(rep)} for k, (n, rep) in results.items()}, sys.stdout, indent=2)
        print()
    else:
        print("split %s  (micro-averaged over articles)" % args.split)
        print("%-6s %4s  %-8s %-6s %-8s %-12s %-7s %-7s %-6s %s" % ("lang", "docs", "entities", "roles", "meetings", "partnerships", "dates", "places", "titles", "found meetings"))
        for k, (n, rep) in results.items():
            r = row(rep)
            print("%-6s %4d  %-8.3f %-6.3f %-8.3f %-12.3f %-7.3f %-7.3f %-6.3f %d/%d" % (k, n, r["entities"], r["roles"], r["meetings"], r["partnerships"], r["dates"], r["places"], r["titles"], r["meetings_found"], r["meetings_gold"]))
        if args.split != "blind" and args.errors:
            rep = results["all"][1]
            for k in ("entities", "roles", "meetings", "partnerships"):
                for what in ("misses", "false_positives"):
                    for it in rep[k][what]:
                        print("%s %s: %s" % (k, what, it))
            for k in ("titles", "meeting_dates", "meeting_places", "role_status"):
                for it in rep[k]["wrong"]:
                    print("%s wrong: %s" % (k, it))
    if args.record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        path = os.path.join(DIR, "SCORES.md")
        new = not os.path.exists(path)
        with open(path, "a", encoding="utf-8") as f:
            if new:
                f.write("# realdev scores, round by round\n\nWritten by `scripts/realdev.py score --split SPLIT --record NOTE`; micro-averaged F1 over articles, then shares of found meetings with the right date and place, and title accuracy of matched roles.\n\n")
                f.write("| date | commit | split | lang | docs | entities | roles | meetings | partnerships | dates | places | titles | note |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
            for k, (n, rep) in results.items():
                r = row(rep)
                f.write("| %s | %s | %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |\n" % (
                    datetime.date.today().isoformat(), commit, args.split, k, n, r["entities"], r["roles"], r["meetings"],
                    r["partnerships"], r["dates"], r["places"], r["titles"], args.record))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    ck = sub.add_parser("check")
    ck.add_argument("--partial", action="store_true", help="a missing text is no problem (a partly rebuilt folder)")
    sub.add_parser("split")
    sc = sub.add_parser("score")
    sc.add_argument("--split", default="dev", choices=["dev", "blind", "all"])
    sc.add_argument("--lang", default="all", choices=["all", "en", "ko", "mixed"])
    sc.add_argument("--json", action="store_true")
    sc.add_argument("--batches", default="", help="only articles whose id starts with one of these letters (a manifest.d batch), to compare rounds on the same articles")
    sc.add_argument("--errors", action="store_true", help="list misses and false positives (not for --split blind)")
    sc.add_argument("--record", metavar="NOTE", help="append the scores to testdata/realdev/SCORES.md")
    args = p.parse_args()
    return {"check": cmd_check, "split": cmd_split, "score": cmd_score}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
