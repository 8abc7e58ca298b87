"""A file laid out as dunnhumby's "Breakfast at the Frat" `transactions.csv`, generated (we do not have the
real file).

One row per week, store and product with a sale: `WEEK_END_DATE` as a database writes it (`14-JAN-09`),
`STORE_NUM`, `UPC`, `UNITS`, `VISITS`, `HHS`, `SPEND`, `PRICE`, `BASE_PRICE` and the promotion flags
`FEATURE` (in the circular), `DISPLAY` (in store) and `TPR_ONLY` (a temporary price reduction alone), from
2009-01-14 to 2011-12-28 (156 weeks). 77 stores x 58 products in four categories: bag snacks sell more in
summer and in Super Bowl week, frozen pizza in winter and in Super Bowl week, cold cereal and oral hygiene
evenly. A store carries about 85 % of the products; stores differ fivefold in size. Each product's base
price steps up once or twice; about one week in eight a store cuts the price (10-35 %), often with a
feature or display. Units follow the price with an elasticity of -1.5 to -3 and rise 40-80 % with a
feature and 50-100 % with a display, around Poisson-gamma noise.

    python3 Benchmarks/VendorShapes/frat_like.py /tmp/frat/transactions.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/frat_like.json \\
        --input /tmp/frat/transactions.csv
"""
import sys
import random, math, datetime
random.seed(23)
stores = 77
weeks = 156
first = datetime.date(2009, 1, 14)
months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
categories = ["BAG SNACKS"] * 14 + ["COLD CEREAL"] * 18 + ["FROZEN PIZZA"] * 13 + ["ORAL HYGIENE PRODUCTS"] * 13
store_size = [random.lognormvariate(0, 0.45) for _ in range(stores)]
store_numbers = sorted(random.sample(range(100, 30000), stores))

def week_date(week):
    d = first + datetime.timedelta(days=7 * week)
    return "%02d-%s-%02d" % (d.day, months[d.month - 1], d.year % 100)

def season(category, week):
    d = first + datetime.timedelta(days=7 * week)
    angle = 2 * math.pi * (d.timetuple().tm_yday - 200) / 365.25  # 0 in mid-July
    super_bowl = d.month == 2 and d.day <= 7 or (d.month == 1 and d.day >= 31)
    if category == "BAG SNACKS":
        return (1 + 0.2 * math.cos(angle)) * (1.6 if super_bowl else 1)
    if category == "FROZEN PIZZA":
        return (1 - 0.18 * math.cos(angle)) * (1.4 if super_bowl else 1)
    return 1.0

def gamma_poisson(mean, shape):
    if mean <= 0:
        return 0
    rate = random.gammavariate(shape, mean / shape)
    # Poisson by inversion for small rates, normal approximation for large ones.
    if rate > 60:
        return max(0, int(round(random.gauss(rate, math.sqrt(rate)))))
    limit, k, p = math.exp(-rate), 0, random.random()
    while p > limit:
        k += 1
        p *= random.random()
    return k

rows = []
for product, category in enumerate(categories):
    upc = 1111000000 + random.randint(0, 8999999) * 100 + product
    base_units = random.lognormvariate(2.3, 0.8)
    elasticity = random.uniform(1.5, 3.0)
    feature_lift = random.uniform(1.4, 1.8)
    display_lift = random.uniform(1.5, 2.0)
    price0 = round(random.choice([1.49, 1.99, 2.49, 2.99, 3.49, 3.99, 4.49, 5.99]), 2)
    steps = sorted(random.sample(range(20, weeks - 10), random.choice([1, 2])))
    trend = random.uniform(-0.004, 0.004)
    for store in range(stores):
        if random.random() > 0.85:
            continue
        level = base_units * store_size[store] * random.lognormvariate(0, 0.3)
        shape = random.uniform(3, 12)
        promo_rate = random.uniform(0.06, 0.2)
        for week in range(weeks):
            base = price0 * (1.08 ** sum(1 for s in steps if week >= s))
            tpr = feature = display = 0
            price = base
            if random.random() < promo_rate:
                price = base * (1 - random.uniform(0.10, 0.35))
                feature = 1 if random.random() < 0.5 else 0
                display = 1 if random.random() < 0.4 else 0
                tpr = 1 if feature == 0 and display == 0 else 0
            elif random.random() < 0.02:
                display = 1
            mean = level * season(category, week) * math.exp(trend * week) * (price / base) ** (-elasticity)
            mean *= (feature_lift if feature else 1) * (display_lift if display else 1)
            units = gamma_poisson(mean, shape)
            if units == 0:
                continue
            visits = max(1, units - gamma_poisson(units * 0.08, 5))
            households = max(1, visits - gamma_poisson(visits * 0.03, 5))
            rows.append((week, store_numbers[store], upc, units, visits, households, round(units * price, 2),
                         round(price, 2), round(base, 2), feature, display, tpr))

rows.sort(key=lambda row: (row[0], row[1], row[2]))
with open(sys.argv[1] if len(sys.argv) > 1 else "transactions.csv", "w") as out:
    out.write("WEEK_END_DATE,STORE_NUM,UPC,UNITS,VISITS,HHS,SPEND,PRICE,BASE_PRICE,FEATURE,DISPLAY,TPR_ONLY\n")
    for row in rows:
        out.write("%s,%d,%d,%d,%d,%d,%.2f,%.2f,%.2f,%d,%d,%d\n" % ((week_date(row[0]),) + row[1:]))
