#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/inflate: deflate/gzip streams written by zlib and the gzip CLI.

Run from the package root: python3 Scripts/make_inflate_fixtures.py
Each `<name>.raw` is the expected output of `<name>.deflate` / `<name>.gz`.
"""
import os, random, struct, subprocess, zlib

OUT = os.path.join("Tests", "Fixtures", "inflate")
os.makedirs(OUT, exist_ok=True)

def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)

def raw_deflate(data, level=6, strategy=zlib.Z_DEFAULT_STRATEGY, chunks=None):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    if chunks:  # full flushes force several blocks
        out = b""
        for i in range(0, len(data), chunks):
            out += c.compress(data[i:i + chunks]) + c.flush(zlib.Z_FULL_FLUSH)
        return out + c.flush()
    return c.compress(data) + c.flush()

rng = random.Random(1951)
words = [b"alpha", b"beta", b"gamma", b"delta", b"quantity", b"2024-02-29", b";", b",", b"\n", b"value"]
text = b" ".join(rng.choice(words) for _ in range(12000))[:60000]
binary = bytes(rng.getrandbits(8) for _ in range(20000))
runs = b"a" * 5000 + b"ab" * 3000 + b"xyz" * 2000 + bytes(range(256)) * 8

write("text.raw", text)
write("text.dynamic.deflate", raw_deflate(text, 9))
write("text.fixed.deflate", raw_deflate(text, 6, zlib.Z_FIXED))
write("text.stored.deflate", raw_deflate(text, 0))
write("text.multiblock.deflate", raw_deflate(text, 6, chunks=7000))
write("binary.raw", binary)
write("binary.deflate", raw_deflate(binary, 9))
write("runs.raw", runs)
write("runs.deflate", raw_deflate(runs, 9))
write("runs.rle.deflate", raw_deflate(runs, 9, zlib.Z_RLE))
write("empty.raw", b"")
write("empty.deflate", raw_deflate(b"", 6))

# gzip CLI: a named member (FNAME) and two concatenated members.
src = os.path.join(OUT, "text.raw")
member = subprocess.run(["gzip", "-9", "-c", "-N", src], check=True, capture_output=True).stdout
write("text.gz", member)
second = subprocess.run(["gzip", "-1", "-c", "-n"], input=runs, check=True, capture_output=True).stdout
write("two_members.gz", member + second)
write("two_members.raw", text + runs)

# A hand-built member with FEXTRA, FNAME, FCOMMENT and FHCRC set.
body = raw_deflate(b"hello, gzip header flags\n" * 4)
header = bytes([0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10]) + struct.pack("<I", 0) + bytes([0, 3])
header += struct.pack("<H", 4) + b"XY\x00\x00" + b"name.txt\x00" + b"a comment\x00"
header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
payload = b"hello, gzip header flags\n" * 4
write("flags.gz", header + body + struct.pack("<II", zlib.crc32(payload), len(payload)))
write("flags.raw", payload)

# A zip bomb in miniature: 10 MB of zeros in ~10 KB.
write("zeros10m.deflate", raw_deflate(b"\0" * 10_000_000, 9))
print("wrote", sorted(os.listdir(OUT)))
