"""A file laid out as Kaggle's "Predict Future Sales" `sales_train.csv` (1C Company), generated (we do not
have the real file).

One row per shop, item and day with a sale: `date` as dd.mm.yyyy, `date_block_num` (the month, 0 =
January 2013), `shop_id`, `item_id`, `item_price` and `item_cnt_day` written as a decimal (`1.0`), from
2013-01-01 to 2015-10-31. 30 shops x 3,000 items. Items live the way games, films and music do: most
are released during the period, sell most in their first weeks and fade (half-lives of one to six
months); a fifth are evergreen catalogue items; a few were released before 2013. December sells about
1.7 times an ordinary month, weekends more than weekdays; shops differ fivefold in size, three open
during the period and two close before its end. About 0.3 % of rows are returns (-1.0), and some
days a shop sells several units of an item.

    python3 Benchmarks/VendorShapes/future_sales_like.py /tmp/future_sales/sales_train.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/future_sales_like.json \
        --input /tmp/future_sales/sales_train.csv
"""
import sys
import random, math, datetime
random.seed(17)
shops = 30
items = 3000
start = datetime.date(2013, 1, 1)
end = datetime.date(2015, 10, 31)
days = (end - start).days + 1
shop_size = [random.lognormvariate(0, 0.6) for _ in range(shops)]
shop_open = [0] * shops
shop_close = [days] * shops
for shop in random.sample(range(shops), 5):
    if random.random() < 0.6:
        shop_open[shop] = random.randint(150, 700)
    else:
        shop_close[shop] = random.randint(500, 900)
total_size = sum(shop_size)

def month_factor(day):
    d = start + datetime.timedelta(days=day)
    season = {12: 1.7, 1: 0.85, 2: 0.8, 6: 0.85, 7: 0.85, 8: 0.9}.get(d.month, 1.0)
    weekend = 1.3 if d.weekday() >= 5 else 0.9
    return season * weekend

factors = [month_factor(day) for day in range(days)]
rows = []
for item in range(items):
    kind = random.random()
    popularity = random.lognormvariate(-1.2, 1.3)
    price = round(random.choice([149, 199, 299, 349, 399, 499, 599, 799, 999, 1199, 1499, 1999, 2599, 3499]) * random.uniform(0.9, 1.1), 2)
    if kind < 0.2:
        release, half_life, floor = -1000, 1e9, 1.0
    elif kind < 0.3:
        release, half_life, floor = -random.randint(30, 400), random.uniform(30, 180), 0.05
    else:
        release, half_life, floor = random.randint(0, days - 30), random.uniform(30, 180), 0.03
        popularity *= 4
    for day in range(max(0, release), days):
        age = day - release
        life = max(math.exp(-age * math.log(2) / half_life), floor)
        rate = popularity * life * factors[day]
        # Units sold across all shops this day, shared by shop size among the shops open.
        units = 0
        threshold = math.exp(-rate)
        product = random.random()
        while product > threshold:
            units += 1
            product *= random.random()
        if units == 0:
            continue
        sold = {}
        for _ in range(units):
            pick = random.random() * total_size
            for shop in range(shops):
                pick -= shop_size[shop]
                if pick <= 0:
                    break
            if shop_open[shop] <= day < shop_close[shop]:
                sold[shop] = sold.get(shop, 0) + 1
        d = start + datetime.timedelta(days=day)
        block = (d.year - 2013) * 12 + d.month - 1
        for shop in sorted(sold):
            count = sold[shop]
            if random.random() < 0.003:
                count = -1
            shown = price if random.random() < 0.9 else round(price * random.choice([0.5, 0.7, 0.8]), 2)
            rows.append((d, f"{d.strftime('%d.%m.%Y')},{block},{shop},{item},{shown},{float(count)}"))
rows.sort(key=lambda row: row[0])
with open(sys.argv[1] if len(sys.argv) > 1 else "sales_train.csv", "w") as out:
    out.write("date,date_block_num,shop_id,item_id,item_price,item_cnt_day\n")
    out.write("\n".join(row[1] for row in rows) + "\n")
print(len(rows), "rows")
