"""A file laid out as dunnhumby's "The Complete Journey" `transaction_data.csv`, generated (we do not have
the real file).

One row per basket line: `household_key`, `BASKET_ID`, `DAY` (a day number: 1 is the first day, 711 the
last), `PRODUCT_ID`, `QUANTITY`, `SALES_VALUE`, `STORE_ID`, `RETAIL_DISC` (negative when the line was
discounted), `TRANS_TIME` (hhmm), `WEEK_NO`, `COUPON_DISC` and `COUPON_MATCH_DISC`. 2,500 households
shop about once a week, most at one home store among 30, each basket holding about ten products drawn
from 8,000 by a long-tailed popularity; a product's demand follows its department's season (more
barbecue in summer, more baking in December) and rises when it is discounted (about one week in
eight per product). A few fuel lines carry quantities in the thousands, as the real file's do.

    python3 Benchmarks/VendorShapes/journey_like.py /tmp/journey/transaction_data.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/journey_like.json \\
        --input /tmp/journey/transaction_data.csv --top 500
"""
import sys, random, math, bisect
random.seed(29)
households, stores, products, days = 2500, 30, 8000, 711
departments = ["GROCERY", "PRODUCE", "MEAT", "DAIRY", "BAKING", "BBQ", "DRUG GM", "FUEL"]
season = {
    "BAKING": lambda day: 1 + 0.8 * math.exp(-((day % 365) - 330) ** 2 / 200.0),
    "BBQ": lambda day: 1 + 0.6 * math.cos(2 * math.pi * ((day % 365) - 190) / 365.25),
}
popularity = [1 / (rank + 10) ** 1.1 for rank in range(products)]
random.shuffle(popularity)
department_of = [random.choice(departments[:-1]) if product >= 20 else "FUEL" for product in range(products)]
price_of = [round(random.choice([0.99, 1.49, 1.99, 2.49, 2.99, 3.99, 4.99, 6.99]), 2) for _ in range(products)]
deal_weeks = [set(random.sample(range(102), random.randint(6, 18))) for _ in range(products)]
cumulative = []
total = 0.0
for weight in popularity:
    total += weight
    cumulative.append(total)
home = [random.randrange(stores) for _ in range(households)]
basket = 26_984_000_000
rows = []
for household in range(households):
    rate = random.uniform(0.08, 0.25)
    size = random.uniform(5, 15)
    day = 1 + int(random.expovariate(rate))
    while day <= days:
        basket += random.randint(1, 300)
        week = (day - 1) // 7 + 1
        store = home[household] if random.random() < 0.85 else random.randrange(stores)
        time = random.randint(700, 2200)
        for _ in range(max(1, int(random.gauss(size, 3)))):
            product = bisect.bisect_left(cumulative, random.random() * total)
            product = min(product, products - 1)
            department = department_of[product]
            lift = season.get(department, lambda _: 1.0)(day)
            deal = week in deal_weeks[product]
            if random.random() > min(1.0, lift * (1.8 if deal else 1.0) / 2.2):
                continue
            quantity = random.randint(2000, 20000) if department == "FUEL" else (1 if random.random() < 0.8 else random.randint(2, 4))
            price = price_of[product] * (0.75 if deal else 1.0)
            value = round(quantity * price / (1000 if department == "FUEL" else 1), 2)
            discount = round(-quantity * price_of[product] * 0.25, 2) if deal and department != "FUEL" else 0.0
            rows.append((household + 1, basket, day, 800_000 + product * 37, quantity, value, 300 + store * 17, discount, time, week))
        day += 1 + int(random.expovariate(rate))
rows.sort(key=lambda row: (row[2], row[1]))
with open(sys.argv[1] if len(sys.argv) > 1 else "transaction_data.csv", "w") as out:
    out.write("household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE,STORE_ID,RETAIL_DISC,TRANS_TIME,WEEK_NO,COUPON_DISC,COUPON_MATCH_DISC\n")
    for row in rows:
        out.write("%d,%d,%d,%d,%d,%.2f,%d,%.2f,%d,%d,0,0\n" % row)
