"""A file laid out as the `sales_train.csv` of Kaggle's "Rohlik Sales Forecasting Challenge" (an online grocer's
warehouses), generated (we do not have the real file).

One row per item and day it sold, from 2020-08-01 to 2024-06-02, in no particular order (the published file is
not sorted): `unique_id`, `date` (ISO), `warehouse`, `total_orders` (the warehouse's orders that day), `sales`
(two decimals: kilograms for items sold by weight, and sales divided by the share of the day the item was
available), `sell_price_main`, `availability`, and `type_0_discount` … `type_6_discount` (a few cells
negative, as odd as the real ones). 200 items over seven warehouses (Munich and Frankfurt opening in 2021 and
2022, three shut on Sundays, all on Christmas, New Year and Easter Monday), 189,266 rows. Items sell
with their warehouse's orders (Christmas and Easter rushes, a winter season, growth), some more in summer or at
Christmas, more when discounted (elasticity -1 to -3), fewer after the 2022 price rises; a quarter enter the
range late, a few are out of stock for days at a time, and about one in sixteen is delisted four to twenty
months before the end.

    python3 Benchmarks/VendorShapes/rohlik_like.py /tmp/rohlik/sales_train.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/rohlik_like.json \\
        --input /tmp/rohlik/sales_train.csv
"""
import sys
import random, math, datetime
from draws import gamma_poisson, easter
rng = random.Random(20241101)


D0, D1 = datetime.date(2020, 8, 1), datetime.date(2024, 6, 2)
whs = {'Prague_1': (D0, 9000, False), 'Prague_2': (D0, 6500, False), 'Prague_3': (D0, 6200, False),
       'Brno_1': (D0, 5500, False), 'Budapest_1': (D0, 2200, True),
       'Munich_1': (datetime.date(2021, 7, 1), 900, True), 'Frankfurt_1': (datetime.date(2022, 3, 1), 700, True)}
n_per = {'Prague_1': 40, 'Prague_2': 35, 'Prague_3': 30, 'Brno_1': 30, 'Budapest_1': 25, 'Munich_1': 20, 'Frankfurt_1': 20}
def closed(wh, d):
    sunday_closed = whs[wh][2]
    if sunday_closed and d.weekday() == 6: return True
    if (d.month, d.day) in ((12, 25), (12, 26), (1, 1)): return True
    if d == easter(d.year) + datetime.timedelta(days=1): return True
    return False
# warehouse daily orders
wdow = [1.05, 0.98, 0.97, 0.98, 1.08, 1.02, 0.92]
orders = {}
for wh, (start, lvl, _) in whs.items():
    d = start
    while d <= D1:
        t = (d - D0).days
        doy = d.timetuple().tm_yday
        g = lvl * (1 + 0.00025 * t) * (1 + 0.08 * math.cos(2 * math.pi * (doy - 20) / 365.25))
        xm = 1 + 0.6 * math.exp(-(((d - datetime.date(d.year, 12, 22)).days) / 3.0) ** 2)
        eas = 1 + 0.3 * math.exp(-(((d - easter(d.year)).days + 2) / 1.5) ** 2)
        ramp = min(1.0, 0.3 + (d - start).days / 300.0) if start > D0 else 1.0
        orders[(wh, d)] = round(g * xm * eas * ramp * wdow[d.weekday()] * math.exp(rng.gauss(0, 0.04)))
        d += datetime.timedelta(days=1)

ids = rng.sample(range(0, 5433), sum(n_per.values()))
items = []
k = 0
for wh, n in n_per.items():
    for _ in range(n):
        kind = rng.random()
        weight = rng.random() < 0.3     # sold by kg: continuous quantity
        lvl = math.exp(rng.gauss(2.2, 1.6))   # ~0.5 .. 2000 per day at reference orders
        start = whs[wh][0]
        if rng.random() < 0.25:
            start = start + datetime.timedelta(days=rng.randint(30, 900))
        end = D1
        if rng.random() < 0.06:
            end = D1 - datetime.timedelta(days=rng.randint(120, 600))   # delisted
        items.append(dict(uid=ids[k], wh=wh, lvl=lvl, weight=weight, start=start, end=end,
                          summer=rng.choice([0, 0, 0.6, -0.3, 0.15]), xmas=rng.choice([0, 0, 0, 1.5]),
                          price=round(math.exp(rng.gauss(3.8, 1.0)), 2), elast=-rng.uniform(1.0, 3.0),
                          dtype=rng.randint(0, 6), sparse=rng.random() < 0.15))
        k += 1

out = open(sys.argv[1] if len(sys.argv) > 1 else 'sales_train.csv', 'w')
out.write('unique_id,date,warehouse,total_orders,sales,sell_price_main,availability,' +
          ','.join('type_%d_discount' % i for i in range(7)) + '\n')
n = 0
rows = []
for it in items:
    wh = it['wh']
    promo_left = 0; disc = 0.0; oos_left = 0
    d = max(it['start'], whs[wh][0])
    while d <= it['end']:
        if closed(wh, d):
            d += datetime.timedelta(days=1); continue
        t = (d - D0).days
        doy = d.timetuple().tm_yday
        infl = 1 + 0.18 / (1 + math.exp(-(t - 600) / 60.0))   # 2022 inflation step
        price = it['price'] * infl
        if promo_left == 0 and rng.random() < 0.03:
            promo_left = rng.randint(3, 10); disc = round(rng.uniform(0.1, 0.4), 5)
        if oos_left == 0 and rng.random() < 0.004:
            oos_left = rng.randint(1, 12)
        if oos_left > 0:
            oos_left -= 1; d += datetime.timedelta(days=1); continue      # no row: not available
        avail = 1.0 if rng.random() < 0.8 else round(rng.uniform(0.5, 1.0), 2)
        dv = [0.0] * 7
        if promo_left > 0:
            dv[it['dtype']] = disc; promo_left -= 1
        elif rng.random() < 0.004:
            dv[rng.randint(0, 6)] = round(-rng.uniform(0.01, 0.3), 5)   # odd negative discount cells
        eff = max(dv)
        season = 1 + it['summer'] * math.cos(2 * math.pi * (doy - 196) / 365.25)
        xm = 1 + it['xmas'] * math.exp(-(((d - datetime.date(d.year, 12, 20)).days) / 6.0) ** 2)
        mean = it['lvl'] * orders[(wh, d)] / whs[wh][1] * season * xm * (1 - eff) ** it['elast']
        if it['sparse']:
            mean *= 0.15
        if it['weight']:
            q = mean * math.exp(rng.gauss(0, 0.25)) if rng.random() < 1 - math.exp(-mean * 3) else 0.0
        else:
            q = gamma_poisson(mean, 8.0, rng)
        if q <= 0:
            d += datetime.timedelta(days=1); continue                         # no row: not sold
        sales = q / avail if avail < 1 else q
        rows.append('%d,%s,%s,%.1f,%.2f,%.2f,%.2f,%s\n' % (
            it['uid'], d.isoformat(), wh, orders[(wh, d)], sales, price, avail,
            ','.join(('%.5f' % x).rstrip('0').rstrip('.') if x else '0.0' for x in dv)))
        d += datetime.timedelta(days=1)
rng.shuffle(rows)   # the published file is not sorted by id and date
out.writelines(rows); out.close()
