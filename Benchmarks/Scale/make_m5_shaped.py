"""Writes a synthetic file of M5's shape (sales_train_validation.csv): 10 stores x 3,049 items, columns
id,item_id,dept_id,cat_id,store_id,state_id,d_1..d_1941 (d_1 = 2011-01-29), Poisson demand around a
log-normal level with weekly and yearly waves; 30 % of the series start part-way. About 115 MB, 27 million
filled cells. Plain Python (no numpy): about a minute.

    python3 Benchmarks/Scale/make_m5_shaped.py /tmp/m5/sales_train_validation.csv
    swift run -c release demand backtest --config Benchmarks/Scale/m5_shaped.json --input /tmp/m5/sales_train_validation.csv
"""
import math, random, sys
rng = random.Random(7)
stores = ['CA_1', 'CA_2', 'CA_3', 'CA_4', 'TX_1', 'TX_2', 'TX_3', 'WI_1', 'WI_2', 'WI_3']
cats = [('HOBBIES', 2, 565), ('HOUSEHOLD', 2, 1047), ('FOODS', 3, 1437)]
items = []
for cat, departments, count in cats:
    per = count // departments
    for dept in range(departments):
        n = per if dept < departments - 1 else count - per * (departments - 1)
        for i in range(n):
            items.append((f'{cat}_{dept + 1}_{i + 1:03d}', f'{cat}_{dept + 1}', cat))
T = 1941
waves = [math.sin(2 * math.pi * t / 7) * 0.2 + math.sin(2 * math.pi * t / 365.25) * 0.15 for t in range(T)]

def poisson(lam):
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k

with open(sys.argv[1], 'w') as out:
    out.write('id,item_id,dept_id,cat_id,store_id,state_id,' + ','.join(f'd_{k + 1}' for k in range(T)) + '\n')
    for store in stores:
        for item, dept, cat in items:
            base = rng.lognormvariate(-0.5, 1.2)
            start = rng.randrange(0, T // 2) if rng.random() < 0.3 else 0
            q = [0 if t < start else poisson(base * math.exp(waves[t] + rng.gauss(0, 0.3))) for t in range(T)]
            out.write(f'{item}_{store}_validation,{item},{dept},{cat},{store},{store[:2]},' + ','.join(map(str, q)) + '\n')
