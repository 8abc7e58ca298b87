"""A file laid out as Kaggle's Rossmann `train.csv`, generated (we do not have the real file).

120 stores, daily rows from 2013-01-01 to 2015-07-31 written newest first; closed on Sundays and five
holidays a year with zero sales (`Open` 0); a promotion every third week on weekdays (`Promo`, +25 %);
school holidays in July and August; a small yearly season and a December rise; a store trend; 12 %
daily noise. 18 stores have no rows from July to December 2014, as 180 of Rossmann's 1,115 stores do.

    python3 Benchmarks/VendorShapes/rossmann_like.py /tmp/rossmann/train.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/rossmann_like.json --input /tmp/rossmann/train.csv
"""
import sys
import random, math, datetime
random.seed(7)
stores=120
start=datetime.date(2013,1,1); end=datetime.date(2015,7,31)
days=[]; d=start
while d<=end: days.append(d); d+=datetime.timedelta(days=1)
level={s: random.lognormvariate(8.6,0.35) for s in range(1,stores+1)}
trend={s: random.gauss(0.0,0.08) for s in level}
refurb=set(random.sample(range(1,stores+1),18))
hol={datetime.date(y,m,dd) for y in (2013,2014,2015) for (m,dd) in [(1,1),(5,1),(10,3),(12,25),(12,26)]}
rows=[]
for d in reversed(days):
    # promo: 2 weeks on/off blocks, same for all stores
    wk=(d-start).days//7
    promo=1 if wk%3==0 and d.weekday()<5 else 0
    school=1 if d.month in (7,8) else 0
    for s in range(1,stores+1):
        if s in refurb and datetime.date(2014,7,1)<=d<=datetime.date(2014,12,31): continue
        open_=0 if d.weekday()==6 or d in hol else 1
        sh='0' if d not in hol else random.choice('abc')
        if open_:
            yr=(d-start).days/365.0
            season=1+0.08*math.cos(2*math.pi*(d.timetuple().tm_yday-15)/365)+ (0.35 if d.month==12 and d.day<24 else 0)
            dow=[1.25,1.0,0.95,0.95,1.05,0.9,1][d.weekday()]
            mu=level[s]*(1+trend[s]*yr)*season*dow*(1.25 if promo else 1)
            sales=max(0,int(random.gauss(mu,mu*0.12)))
            cust=int(sales/random.uniform(8,11))
        else: sales=0; cust=0
        rows.append(f"{s},{d.isoweekday()},{d.isoformat()},{sales},{cust},{open_},{promo},{sh},{school}")
open(sys.argv[1] if len(sys.argv) > 1 else 'train.csv','w').write("Store,DayOfWeek,Date,Sales,Customers,Open,Promo,StateHoliday,SchoolHoliday\n"+"\n".join(rows)+"\n")
print(len(rows))
