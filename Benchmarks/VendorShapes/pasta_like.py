"""A file laid out as the "hierarchical sales data" of an Italian grocer's pasta (Mancuso, Piccialli and
Sudoso, Mendeley Data 2021, doi:10.17632/njdkntcpc9.1; on Kaggle as `hierarchical_sales_data.csv`),
generated (we do not have the real file).

One row per day from 2014-01-01 to 2018-12-31 (1,826 days): `DATE`, then one quantity column per product
(`QTY_B1_1` … `QTY_B4_10`) and one 0/1 promotion column per product (`PROMO_B1_1` … `PROMO_B4_10`); 118
products of four brands (42, 45, 21 and 10), no empty cells (a day without sales is 0). Products differ
fortyfold in volume; pasta sells more in winter, little on Sundays and nothing on the days the shop is
shut (1 January, Easter Monday, 15 August, 25-26 December). A brand runs its promotions for one or two weeks
a few times a year over part of its range, and a promoted product sells 1.5-4 times its usual, around
Poisson-gamma noise. About one product in eight enters the range late; as many leave it early.

    python3 Benchmarks/VendorShapes/pasta_like.py /tmp/pasta/hierarchical_sales_data.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/pasta_like.json \\
        --input /tmp/pasta/hierarchical_sales_data.csv
"""
import sys
import random, math, datetime
from draws import poisson
random.seed(31)
brands = {"B1": 42, "B2": 45, "B3": 21, "B4": 10}
products = [f"{brand}_{number}" for brand, count in brands.items() for number in range(1, count + 1)]
first, last = datetime.date(2014, 1, 1), datetime.date(2018, 12, 31)
days = [first + datetime.timedelta(days=d) for d in range((last - first).days + 1)]
easter_mondays = {datetime.date(2014, 4, 21), datetime.date(2015, 4, 6), datetime.date(2016, 3, 28),
                  datetime.date(2017, 4, 17), datetime.date(2018, 4, 2)}

def shut(day):
    return (day.month, day.day) in {(1, 1), (8, 15), (12, 25), (12, 26)} or day in easter_mondays

level = {p: math.exp(random.uniform(-0.3, 3.4)) for p in products}
winter = {p: random.uniform(0.05, 0.35) for p in products}
trend = {p: random.uniform(-0.15, 0.15) for p in products}
uplift = {p: random.uniform(1.5, 4.0) for p in products}
shape = {p: random.uniform(2, 12) for p in products}  # gamma shape of the noise: smaller is lumpier
start = {p: (random.randrange(0, 900) if random.random() < 0.125 else 0) for p in products}
stop = {p: (len(days) - random.randrange(1, 700) if random.random() < 0.125 else len(days)) for p in products}

# Each brand's promotions: a few spells a year, each over about a third of its products.
promoted = {p: [False] * len(days) for p in products}
for brand, count in brands.items():
    day = random.randrange(20, 60)
    while day < len(days):
        length = random.choice([7, 14])
        chosen = [p for p in products if p.startswith(brand + "_") and random.random() < 0.35]
        for p in chosen:
            for d in range(day, min(day + length, len(days))):
                promoted[p][d] = True
        day += length + random.randrange(50, 110)

with open(sys.argv[1] if len(sys.argv) > 1 else "hierarchical_sales_data.csv", "w") as out:
    out.write(",".join(["DATE"] + ["QTY_" + p for p in products] + ["PROMO_" + p for p in products]) + "\n")
    for index, day in enumerate(days):
        quantities, flags = [], []
        season = math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)
        for p in products:
            mean = 0.0
            if start[p] <= index < stop[p] and not shut(day):
                mean = level[p] * (1 + winter[p] * season) * (1 + trend[p] * index / 365.25)
                mean *= 0.2 if day.weekday() == 6 else 1.0
                mean *= uplift[p] if promoted[p][index] else 1.0
                mean *= random.gammavariate(shape[p], 1 / shape[p])
            quantities.append(str(poisson(mean)))
            flags.append("1" if promoted[p][index] else "0")
        out.write(",".join([day.isoformat()] + quantities + flags) + "\n")
