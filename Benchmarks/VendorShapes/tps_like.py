"""A file laid out as the `train.csv` of Kaggle's "Tabular Playground Series - Sep 2022", generated (we do not
have the real file).

One row per day, country, store and product from 2017-01-01 to 2020-12-31: `row_id`, `date` (ISO), `country`
(six), `store` (KaggleMart, KaggleRama at a third of its size), `product` (four books), `num_sold`; 70,128
rows, 48 series. Sales follow each country's GDP per head year by year, a winter season, the days around
Christmas and Easter, weekends, and each product's two-year cycle of popularity — and fall by up to 60 %
from 10 March to the end of May 2020, as the real file's do in the first lockdowns. `--no-lockdown` writes
the same file without that fall.

    python3 Benchmarks/VendorShapes/tps_like.py /tmp/tps/train.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/tps_like.json --input /tmp/tps/train.csv
"""
import sys
import random, math, datetime
from draws import poisson, easter
random.seed(20220901)


lockdown = "--no-lockdown" not in sys.argv
countries = ["Belgium", "France", "Germany", "Italy", "Poland", "Spain"]
stores = {"KaggleMart": 1.0, "KaggleRama": 0.34}
products = {"Kaggle Advanced Techniques": 1.0, "Kaggle Getting Started": 0.8, "Kaggle Recipe Book": 0.6,
            "Kaggle for Kids: One Smart Goose": 1.1}
phase = {product: index * math.pi / 2 for index, product in enumerate(products)}
gdp = {"Belgium": [44.2, 47.4, 46.6, 45.2], "France": [38.7, 41.6, 40.5, 39.0], "Germany": [44.6, 47.9, 46.8, 46.2],
       "Italy": [32.4, 34.6, 33.6, 31.7], "Poland": [13.8, 15.4, 15.7, 15.7], "Spain": [28.2, 30.4, 29.6, 27.1]}
weekday = [0.93, 0.93, 0.94, 0.95, 1.02, 1.13, 1.10]  # Monday first
first, last = datetime.date(2017, 1, 1), datetime.date(2020, 12, 31)
paths = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
with open(paths[0] if paths else "train.csv", "w") as out:
    out.write("row_id,date,country,store,product,num_sold\n")
    row, day = 0, first
    while day <= last:
        t = (day - first).days
        season = 1 + 0.12 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)
        christmas = 1 + sum(0.55 * math.exp(-((day - datetime.date(year, 12, 28)).days / 5.0) ** 2) for year in (day.year, day.year - 1))
        holiday = 1 + 0.18 * math.exp(-(((day - easter(day.year)).days - 3) / 3.0) ** 2)
        fall = 1.0
        if lockdown and datetime.date(2020, 3, 10) <= day <= datetime.date(2020, 5, 31):
            fall = 1 - 0.6 * math.sin(math.pi * (day - datetime.date(2020, 3, 10)).days / 82) ** 0.8
        for country in countries:
            for store, size in stores.items():
                for product, share in products.items():
                    cycle = share * (1 + 0.25 * math.sin(2 * math.pi * t / 730.5 + phase[product]))
                    mean = 9.0 * gdp[country][day.year - 2017] * size * cycle * season * christmas * holiday * weekday[day.weekday()] * fall
                    out.write(f"{row},{day.isoformat()},{country},{store},{product},{poisson(mean * math.exp(random.gauss(0, 0.06)))}\n")
                    row += 1
        day += datetime.timedelta(days=1)
