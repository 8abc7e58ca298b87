"""Random draws and dates the vendor-shape generators share (plain Python: no numpy is installed here).

Each draw takes the random source to use — the `random` module, seeded by the script, or a
`random.Random` of its own — so a script's file depends on its seed alone.
"""
import math, random, datetime


def poisson(mean, source=random):
    """A Poisson draw (a rounded normal one from 30 up, where the two agree)."""
    if mean <= 0:
        return 0
    if mean >= 30:
        return max(0, round(source.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, source.random()
    while product > limit:
        k += 1
        product *= source.random()
    return k


def gamma_poisson(mean, shape, source=random):
    """Poisson noise around a gamma-distributed mean (negative binomial): smaller `shape`, lumpier."""
    if mean <= 0:
        return 0
    return poisson(source.gammavariate(shape, mean / shape), source)


def easter(year):
    """Easter Sunday of `year` (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    return datetime.date(year, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)
