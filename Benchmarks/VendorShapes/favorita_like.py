"""A file laid out as Kaggle's Favorita store sales `train.csv`, generated (we do not have the real file).

20 stores x 23 product families, daily rows from 2013-01-01 to 2017-08-15 with a row for every store,
family and day (zero sales included), `"LIQUOR,WINE,BEER"` quoted as in the real file; family levels
spread over two orders of magnitude; some stores open late, BOOKS starts in October 2016 and PRODUCE
in August 2013; school supplies sell six times their level in August and September; a December
rise; promotions (`onpromotion` counts) lift sales 2 % per item promoted; three stores close for
10, 13 and 19 weeks; all closed on 1 January.

    python3 Benchmarks/VendorShapes/favorita_like.py /tmp/favorita/train.csv
    swift run -c release demand backtest --config Benchmarks/VendorShapes/favorita_like.json --input /tmp/favorita/train.csv
"""
import sys
import random, math, datetime
random.seed(11)
stores=20; fams=["AUTOMOTIVE","BABY CARE","BEAUTY","BEVERAGES","BOOKS","BREAD/BAKERY","CELEBRATION","CLEANING","DAIRY","DELI","EGGS","FROZEN FOODS","GROCERY I","GROCERY II","HARDWARE","HOME APPLIANCES","LIQUOR,WINE,BEER","MEATS","PERSONAL CARE","PET SUPPLIES","PRODUCE","SCHOOL AND OFFICE SUPPLIES","SEAFOOD"]
start=datetime.date(2013,1,1); end=datetime.date(2017,8,15)
days=[]; d=start
while d<=end: days.append(d); d+=datetime.timedelta(days=1)
famlevel={f: random.lognormvariate(3.5,1.6) for f in fams}
storescale={s: random.lognormvariate(0,0.5) for s in range(1,stores+1)}
opening={s: (start if random.random()<0.8 else start+datetime.timedelta(days=random.randint(200,1200))) for s in storescale}
# some families start late everywhere (BOOKS), some store-family pairs have long zero stretches
famstart={f:start for f in fams}; famstart["BOOKS"]=datetime.date(2016,10,1); famstart["PRODUCE"]=datetime.date(2013,8,1)
closed={}
for s in random.sample(range(1,stores+1),3):
    a=start+datetime.timedelta(days=random.randint(300,1200)); closed[s]=(a,a+datetime.timedelta(days=random.randint(60,150)))
rows=[]; i=0
for d in days:
    yd=d.timetuple().tm_yday; t=(d-start).days/365
    for s in range(1,stores+1):
        for f in fams:
            promo=0; sales=0.0
            active = d>=opening[s] and d>=famstart[f] and not (s in closed and closed[s][0]<=d<closed[s][1]) and not (d.month==1 and d.day==1)
            if active:
                promo = int(random.random()<0.15*(1+t/2))*random.randint(1,30) if famlevel[f]>20 else 0
                mu=famlevel[f]*storescale[s]*(1+0.1*t)*(1+0.15*math.sin(2*math.pi*(yd-80)/365))*[0.9,0.85,0.9,0.95,1.05,1.25,1.2][d.weekday()]
                if f=="SCHOOL AND OFFICE SUPPLIES": mu*= 6 if d.month in (8,9) else 0.3
                if d.month==12 and d.day>=15: mu*=1.4
                mu*=1+0.02*promo
                sales = random.gammavariate(4, mu/4) if mu>0 else 0
                if famlevel[f]<5 and random.random()<0.5: sales=0
                if f in ("GROCERY I","PRODUCE","FROZEN FOODS","DAIRY"): sales=round(sales,3)
                else: sales=float(int(sales))
            fq = '"'+f+'"' if ',' in f else f
            rows.append(f"{i},{d.isoformat()},{s},{fq},{sales},{promo}"); i+=1
open(sys.argv[1] if len(sys.argv) > 1 else 'train.csv','w').write("id,date,store_nbr,family,sales,onpromotion\n"+"\n".join(rows)+"\n")
print(len(rows), closed)
