"""Writes a synthetic file of M5's shape (sales_train_validation.csv): 10 stores x 3,049 items, columns
id,item_id,dept_id,cat_id,store_id,state_id,d_1..d_1941 (d_1 = 2011-01-29), Poisson demand around a
log-normal level with weekly and yearly waves; 30 % of the series start part-way. About 115 MB, 27 million
filled cells.

    python3 Benchmarks/Scale/make_m5_shaped.py /tmp/m5/sales_train_validation.csv
    swift run -c release demand backtest --config Benchmarks/Scale/m5_shaped.json --input /tmp/m5/sales_train_validation.csv
"""
import numpy as np, sys
rng=np.random.default_rng(7)
stores=['CA_1','CA_2','CA_3','CA_4','TX_1','TX_2','TX_3','WI_1','WI_2','WI_3']
cats=[('HOBBIES',2,565),('HOUSEHOLD',2,1047),('FOODS',3,1437)]
items=[]
for c,nd,n in cats:
    per=n//nd
    for d in range(nd):
        cnt = per if d<nd-1 else n-per*(nd-1)
        for i in range(cnt): items.append((f'{c}_{d+1}_{i+1:03d}',f'{c}_{d+1}',c))
T=1941
t=np.arange(T)
week=np.sin(2*np.pi*t/7)*0.2
year=np.sin(2*np.pi*t/365.25)*0.15
with open(sys.argv[1],'w') as f:
    f.write('id,item_id,dept_id,cat_id,store_id,state_id,'+','.join(f'd_{k+1}' for k in range(T))+'\n')
    for s in stores:
        for it,dept,cat in items:
            base=rng.lognormal(-0.5,1.2)
            start=rng.integers(0,T//2) if rng.random()<0.3 else 0
            lam=base*np.exp(week+year+rng.normal(0,0.3,T))
            q=rng.poisson(lam)
            q[:start]=0
            f.write(f'{it}_{s}_validation,{it},{dept},{cat},{s},{s[:2]},'+','.join(map(str,q))+'\n')
