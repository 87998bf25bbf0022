"""``make bench``: antq against pydantic v2, msgspec Structs and two floors, in one process.

Every contender runs once per round, interleaved, for several rounds; the best round
counts. Prints throughput and ratios per operation, then the targets of the performance
issue with their measured ratios. Usage: ``python benchmarks/run.py [EVENTS] [ROUNDS]``.
"""

from __future__ import annotations

import collections
import datetime as dt
import gc
import os
import platform
import resource
import subprocess
import sys
import tempfile
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cattrs.preconf.msgspec
import cattrs.preconf.orjson
import msgspec
import orjson

import antq
from antq import model, vocab
from antq.validators import Checked

sys.path.insert(0, str(Path(__file__).parent))
import generate
import peers
from timing import Timing, best_of


def retained_and_peak(build: Callable[[], Any]) -> tuple[int, int]:
    """Bytes still held by the result of *build*, and the peak while building it."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    result = build()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return current - base, peak - base


# ------------------------------------------------------------------ the floor loop

_D = dt.date.fromisoformat


def _opt_date(value: str | None) -> dt.date | None:
    return None if value is None else _D(value)


def _some_date(value: str | None) -> dt.date | model.PartialDate | None:
    if value is None:
        return None
    return _D(value) if len(value) == 10 and value[4] == "-" else model.PartialDate.parse(value)


def _sources(items: list[dict[str, Any]]) -> tuple[model.Source, ...]:
    return tuple(
        model.Source(
            title=s.get("title"),
            url=s.get("url"),
            publisher=s.get("publisher"),
            published_on=_opt_date(s.get("published_on")),
            authors=tuple(s.get("authors", ())),
            locator=s.get("locator"),
            note=s.get("note"),
        )
        for s in items
    )


_CHECKED = [c for c in vars(model).values() if isinstance(c, type) and issubclass(c, Checked)]


def _no_checks(self: object) -> None:
    pass


def floor_build(document: dict[str, Any]) -> antq.Dataset:
    """Orjson output to antq's classes by hand, with their checks switched off."""
    saved = {cls: cls.__dict__.get("__attrs_post_init__") for cls in _CHECKED}
    for cls in _CHECKED:
        cls.__attrs_post_init__ = _no_checks  # type: ignore[method-assign]
    try:
        localities = tuple(
            model.Locality(
                id=d["id"],
                name=d["name"],
                unit_type=vocab.UnitType(d["unit_type"]),
                code=d.get("code"),
                parent=d.get("parent"),
                valid_from=_opt_date(d.get("valid_from")),
                valid_until=_opt_date(d.get("valid_until")),
                successors=tuple(d.get("successors", ())),
                sources=_sources(d.get("sources", [])),
            )
            for d in document.get("localities", [])
        )
        officials = tuple(
            model.Official(
                id=d["id"],
                name=d["name"],
                given_syllables=d.get("given_syllables", 1),
                honorific=vocab.Honorific(d["honorific"]) if "honorific" in d else None,
                rank=vocab.Rank(d["rank"]) if "rank" in d else None,
                positions=tuple(
                    model.Position(
                        title=p["title"],
                        office=vocab.Office(p["office"]) if "office" in p else None,
                        locality=p.get("locality"),
                        started_on=_opt_date(p.get("started_on")),
                        ended_on=_opt_date(p.get("ended_on")),
                    )
                    for p in d.get("positions", [])
                ),
                sources=_sources(d.get("sources", [])),
            )
            for d in document.get("officials", [])
        )
        events = tuple(
            model.Event(
                id=d["id"],
                kind=vocab.EventKind(d["kind"]),
                locality=d["locality"],
                title=d.get("title"),
                held_on=_some_date(d.get("held_on")),
                ends_on=_opt_date(d.get("ends_on")),
                part_of_day=vocab.PartOfDay(d["part_of_day"]) if "part_of_day" in d else None,
                is_pilot=d.get("is_pilot"),
                participants=tuple(
                    model.Participation(
                        role=vocab.ParticipantRole(p["role"]),
                        official=p.get("official"),
                        description=p.get("description"),
                    )
                    for p in d.get("participants", [])
                ),
                statements=tuple(
                    model.Statement(
                        text=s["text"],
                        kind=vocab.StatementKind(s.get("kind", "quote")),
                        speaker=s.get("speaker"),
                        attribution=s.get("attribution"),
                    )
                    for s in d.get("statements", [])
                ),
                sources=_sources(d.get("sources", [])),
            )
            for d in document.get("events", [])
        )
        models = tuple(
            model.SecurityModel(
                id=d["id"],
                name=d["name"],
                category=vocab.ModelCategory(d["category"]),
                locality=d["locality"],
                started_on=_opt_date(d.get("started_on")),
                points=d.get("points"),
                teams=d.get("teams"),
                sources=_sources(d.get("sources", [])),
            )
            for d in document.get("security_models", [])
        )
        awards = tuple(
            model.Award(
                id=d["id"],
                form=vocab.AwardForm(d["form"]),
                issuer=model.Issuer(
                    office=vocab.Office(d["issuer"]["office"]),
                    level=vocab.LocalityLevel(d["issuer"]["level"]),
                    locality=d["issuer"].get("locality"),
                    official=d["issuer"].get("official"),
                    as_written=d["issuer"].get("as_written"),
                ),
                recipient_kind=vocab.RecipientKind(d.get("recipient_kind", "unspecified")),
                count=d.get("count"),
                event=d.get("event"),
                decided_on=_opt_date(d.get("decided_on")),
                presented_on=_opt_date(d.get("presented_on")),
                sources=_sources(d.get("sources", [])),
            )
            for d in document.get("awards", [])
        )
        return antq.Dataset(
            localities=localities,
            officials=officials,
            events=events,
            security_models=models,
            awards=awards,
        )
    finally:
        for cls, check in saved.items():
            if check is not None:
                cls.__attrs_post_init__ = check  # type: ignore[method-assign]


# ------------------------------------------------------------------------- tally


def counter_tally(dataset: antq.Dataset) -> collections.Counter[tuple[Any, ...]]:
    """The hand-written baseline: province, form, year, with plain dicts and a Counter."""
    places = {p.id: p for p in dataset.localities}
    events = {e.id: e for e in dataset.events}
    province_of: dict[str, str | None] = {}
    counts: collections.Counter[tuple[Any, ...]] = collections.Counter()
    for award in dataset.awards:
        event = events.get(award.event) if award.event else None
        place = event.locality if event else None
        if place not in province_of:
            unit = places.get(place) if place else None
            while unit is not None and unit.level is not vocab.LocalityLevel.PROVINCE:
                unit = places.get(unit.parent) if unit.parent else None
            province_of[place] = unit.id if unit else None  # type: ignore[index]
        day = award.decided_on or award.presented_on
        year = day.year if day else (event.year if event else None)
        counts[(province_of[place], award.form, year)] += award.count or 0  # type: ignore[index]
    return counts


def jsonl_peak(lines: int) -> float:
    """Peak RSS (MiB) of a fresh process that streams *lines* grant lines through tally.

    Read from VmHWM: ``ru_maxrss`` survives exec on Linux and would report this
    (parent) process's peak instead.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stream.jsonl"
        script = f"""
import datetime as dt, resource, antq
from antq import *
def records():
    for c in range(100):
        yield Locality(id=LocalityId(f"c{{c}}"), name=f"Xã {{c}}", unit_type=UnitType.XA)
    for e in range(1000):
        yield Event(id=EventId(f"e{{e}}"), kind=EventKind.FESTIVAL, locality=LocalityId(f"c{{e % 100}}"),
                    held_on=dt.date(2024, 8, 1))
    for a in range({lines}):
        yield Award(id=AwardId(f"a{{a}}"), form=AwardForm.GIAY_KHEN, count=(a % 5) or None,
                    issuer=Issuer(office=Office.CHU_TICH_UBND, level=LocalityLevel.COMMUNE),
                    event=EventId(f"e{{a % 1000}}"))
antq.dump_jsonl(records(), {str(path)!r})
"""
        subprocess.run([sys.executable, "-c", script], check=True)
        measure = (
            "import antq\n"
            f"antq.tally(antq.iter_jsonl({str(path)!r}), ['commune', 'form', 'year'])\n"
            "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
            "print(status.split()[0])\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", measure], check=True, capture_output=True, text=True
        )
        return int(out.stdout.strip()) / 1024


# ------------------------------------------------------------- why a target is missed


def reasons(
    data: bytes,
    dataset: antq.Dataset,
    load: Timing,
    dump: Timing,
    validate: float,
    rounds: int,
) -> dict[str, str]:
    """Each operation's time split into its steps, measured in this run (collector paused).

    What the text of a missed target says: how much of antq's time is a step no
    contender is spared, so that the reader sees how far the target is from the floor.
    """
    from antq import _wire

    def convert_out() -> object:
        return {
            name: msgspec.convert(getattr(dataset, name), records, from_attributes=True)
            for name, records in _wire._OUT_TUPLES.items()
        }

    steps = best_of(
        rounds,
        {"decode": lambda: _wire._DECODER.decode(data), "convert out": convert_out},
        collector_paused=True,
    )
    decode, convert = steps["decode"], steps["convert out"]
    load_rest = max(load["antq"] - decode, 0.0)
    encode = max(dump["antq"] - convert, 0.0)
    why = {
        "load": (
            f"antq's load is two steps: msgspec decodes the text into wire Structs "
            f"({decode:.3f} s), then builds {len(dataset):,} attrs records from them and calls "
            f"each one's checks ({load_rest:.3f} s, most of the time); msgspec Structs take "
            f"{load['msgspec Structs']:.3f} s in all. ≥ 1.0× msgspec needs the records built in "
            f"{max(load['msgspec Structs'] - decode, 0.0):.3f} s, ≥ 1.5× pydantic the whole in "
            f"{load['pydantic v2'] / 1.5:.3f} s: records of the attrs model, checked, cost more."
        ),
        "dump": (
            f"antq's dump converts the attrs records into mirrored Structs ({convert:.3f} s, "
            f"reading every field of every record from Python objects), then msgspec encodes "
            f"them (msgspec's own encoding of its Structs takes {dump['msgspec Structs']:.3f} s "
            f"in its run); these two make {convert + dump['msgspec Structs']:.3f} s against the "
            f"{dump['pydantic v2'] / 1.5:.3f} s that 1.5× pydantic allows. The rest of antq's "
            f"{dump['antq']:.3f} s ({max(encode - dump['msgspec Structs'], 0.0):.3f} s) is around "
            "them: partial dates written as text, the bytes made a str."
        ),
    }
    chosen = antq.builtin_rules()
    alone = sorted(
        (
            (
                best_of(1, {"r": lambda code=rule.code: antq.validate(dataset, select=[code])})[
                    "r"
                ],
                rule.code,
            )
            for rule in chosen
        ),
        reverse=True,
    )
    top = ", ".join(f"{code} {seconds:.3f} s" for seconds, code in alone[:5])
    why["validate"] = (
        f"{len(alone)} rules, each a Python pass over its records ({len(dataset):,} records, "
        f"{validate:.3f} s against a load of {load['antq']:.3f} s); the costliest, each run "
        f"alone: {top}; "
        f"the rules each under {alone[5][0] * 1000:.0f} ms make up the rest."
    )
    return why


# -------------------------------------------------------------------------- main


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str]) -> int:
    events = int(argv[0]) if argv else 20_000
    rounds = int(argv[1]) if len(argv) > 1 else 3
    dataset = generate.build(events)
    data = antq.dumps(dataset).encode()
    megabytes = len(data) / 1e6
    print(f"antq {antq.__version__} benchmark · {machine()}")
    print(
        f"dataset: {events:,} events, {len(dataset.awards):,} grant lines, {len(dataset):,} records, {megabytes:.1f} MB of JSON; best of {rounds} interleaved rounds\n"
    )

    pyd = peers.PDocument.model_validate_json(data)
    msg = peers.MSGSPEC_DECODER.decode(data)
    assert antq.loads(data) == dataset
    assert floor_build(orjson.loads(data)) == dataset

    rows: list[tuple[str, str, float, str]] = []

    def record(operation: str, timing: Timing, unit: float, unit_name: str) -> None:
        antq_time = timing["antq"]
        for name, seconds in timing.items():
            ratio = seconds / antq_time
            rows.append((operation, name, seconds, f"{unit / seconds:,.1f} {unit_name}", ratio))

    # The peer an attrs user would pick: cattrs' own preconfigured converters, on antq's
    # classes, with antq's hooks (configure_converter) so they read and write antq/1.
    cattrs_orjson = cattrs.preconf.orjson.make_converter()
    cattrs_msgspec = cattrs.preconf.msgspec.make_converter()
    for converter in (cattrs_orjson, cattrs_msgspec):
        antq.configure_converter(converter)
        assert converter.loads(data, antq.Dataset) == dataset
    loaders = {
        "antq": lambda: antq.loads(data),
        "pydantic v2": lambda: peers.PDocument.model_validate_json(data),
        "msgspec Structs": lambda: peers.MSGSPEC_DECODER.decode(data),
        "cattrs preconf orjson (antq classes)": lambda: cattrs_orjson.loads(data, antq.Dataset),
        "cattrs preconf msgspec (antq classes)": lambda: cattrs_msgspec.loads(data, antq.Dataset),
        "floor: orjson.loads": lambda: orjson.loads(data),
        "floor: orjson + antq classes, no checks": lambda: floor_build(orjson.loads(data)),
    }
    dumpers = {
        "antq": lambda: antq.dumps(dataset, indent=None),  # compact, like the peers
        "pydantic v2": lambda: pyd.model_dump_json(by_alias=True, exclude_defaults=True),
        "msgspec Structs": lambda: peers.MSGSPEC_ENCODER.encode(msg),
        "cattrs preconf orjson (antq classes)": lambda: cattrs_orjson.dumps(dataset),
        "cattrs preconf msgspec (antq classes)": lambda: cattrs_msgspec.dumps(dataset),
    }
    # Out of the box, antq's loader pauses the cyclic collector and the peers do not;
    # "equal" runs every contender with it paused. Both columns are printed.
    load = best_of(rounds, loaders)
    load_equal = best_of(rounds, loaders, collector_paused=True)
    record("load", load, megabytes, "MB/s")
    dump = best_of(rounds, dumpers)
    dump_equal = best_of(rounds, dumpers, collector_paused=True)
    record("dump", dump, megabytes, "MB/s")
    validate = best_of(max(1, rounds - 1), {"antq": lambda: antq.validate(dataset)})
    record("validate (all rules)", validate, events, "events/s")
    dims = [antq.Dim.PROVINCE, antq.Dim.FORM, antq.Dim.YEAR]
    tally = best_of(
        rounds,
        {
            "antq": lambda: antq.tally(dataset, dims),
            "Counter loop": lambda: counter_tally(dataset),
        },
    )
    record("tally (3 dimensions)", tally, len(dataset.awards), "lines/s")

    antq_mem, antq_peak = retained_and_peak(lambda: antq.loads(data))
    pyd_mem, pyd_peak = retained_and_peak(lambda: peers.PDocument.model_validate_json(data))
    msg_mem, msg_peak = retained_and_peak(lambda: peers.MSGSPEC_DECODER.decode(data))

    equal = {"load": load_equal, "dump": dump_equal}
    print(
        f"{'operation':<22} {'contender':<42} {'seconds':>8} {'throughput':>18} {'time vs antq':>13}"
        f" {'collector paused for all':>26}"
    )
    for operation, name, seconds, throughput, ratio in rows:
        same = equal.get(operation)
        fair = f"{same[name]:>8.3f} s {same[name] / same['antq']:>8.2f}×" if same else ""
        print(
            f"{operation:<22} {name:<42} {seconds:>8.3f} {throughput:>18} {ratio:>12.2f}× {fair:>26}"
        )
    print()
    print(f"{'memory':<22} {'contender':<42} {'retained/event':>15} {'peak load':>12}")
    for name, mem, peak in (
        ("antq", antq_mem, antq_peak),
        ("pydantic v2", pyd_mem, pyd_peak),
        ("msgspec Structs", msg_mem, msg_peak),
    ):
        print(f"{'':<22} {name:<42} {mem / events:>13,.0f} B {peak / 1e6:>9.1f} MB")

    small, large = jsonl_peak(100_000), jsonl_peak(1_000_000)
    print(
        f"\nJSON Lines streaming tally, peak RSS: 100k lines {small:.1f} MiB, 1M lines {large:.1f} MiB"
    )

    why = reasons(data, dataset, load_equal, dump_equal, validate["antq"], rounds)

    def target(text: str, value: float, goal: float, better: str, reason: str = "") -> None:
        met = value >= goal if better == "higher" else value <= goal
        sign = "≥" if better == "higher" else "≤"
        print(f"  {'met ' if met else 'MISS'}  {text}: {value:.2f} (target {sign} {goal})")
        if not met and reason:
            for line in textwrap.wrap(reason, 86):
                print(f"          {line}")

    best_cattrs = min(
        dump_equal["cattrs preconf orjson (antq classes)"],
        dump_equal["cattrs preconf msgspec (antq classes)"],
    )
    print("\nTargets (20k events; issue 20: the collector equal for every contender):")
    target(
        "load, pydantic / antq, collector equal",
        load_equal["pydantic v2"] / load_equal["antq"],
        1.5,
        "higher",
        why["load"],
    )
    target(
        "load, msgspec Structs / antq, collector equal",
        load_equal["msgspec Structs"] / load_equal["antq"],
        1.0,
        "higher",
        why["load"],
    )
    target(
        "dump, pydantic / antq, collector equal",
        dump_equal["pydantic v2"] / dump_equal["antq"],
        1.5,
        "higher",
        why["dump"],
    )
    target(
        "dump, best cattrs preconf / antq, collector equal",
        best_cattrs / dump_equal["antq"],
        1.0,
        "higher",
        why["dump"],
    )
    print(
        "  (out of the box, as before: load vs pydantic "
        f"{load['pydantic v2'] / load['antq']:.2f}×, vs msgspec "
        f"{load['msgspec Structs'] / load['antq']:.2f}×; dump vs pydantic "
        f"{dump['pydantic v2'] / dump['antq']:.2f}×; msgspec encoding its own Structs "
        f"{dump['msgspec Structs'] / dump['antq']:.2f}× is the floor, not a target)"
    )
    target("retained memory, antq / pydantic", antq_mem / pyd_mem, 0.6, "lower")
    loaded, structs = antq.loads(data), peers.MSGSPEC_DECODER.decode(data)
    award_size = sys.getsizeof(loaded.awards[0])
    struct_size = sys.getsizeof(structs.awards[0])
    target(
        "retained memory, antq / msgspec",
        antq_mem / msg_mem,
        1.1,
        "lower",
        f"antq {antq_mem / events:,.0f} B an event against msgspec's {msg_mem / events:,.0f} B;"
        f" one grant line's object is {award_size} B as an attrs record and {struct_size} B as"
        " a Struct (sys.getsizeof, its fields not counted).",
    )
    target("peak during load / retained", antq_peak / antq_mem, 2.0, "lower")
    target(
        "validate time / load time", validate["antq"] / load["antq"], 1.0, "lower", why["validate"]
    )
    target(
        "tally time / Counter loop time",
        tally["antq"] / tally["Counter loop"],
        1.5,
        "lower",
        "antq.tally keeps three counts a cell (lines, recipients, lines of unknown count) and"
        " the lines whose place it could not resolve; the loop adds one sum.",
    )
    target("JSONL peak RSS, 1M / 100k", large / small, 1.2, "lower")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n(this process's peak RSS: {peak:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
