"""Regenerates the bundled demo vendor files from ../shared/data/online_retail_ii (run from the repo root).

Two fictional producers report the same retailer's sales in their own shapes:
  northwind  UK daily sales per item, CSV with ';' and day-first dates, item descriptions and a channel
  harbor     export sales per item, country and day, JSON Lines, no descriptions (inherited from northwind)
200 SKUs sampled by volume rank (every 10th of ranks 40..2040) so smooth, intermittent and lumpy items all occur,
plus the POST/DOT service codes and the returns (negative quantities) the real data has.
"""
import json, sys
import pyarrow.parquet as pq

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/online_retail_ii/online_retail_II_combined_2009_2011.parquet"
t = pq.read_table(src).to_pandas()
t["day"] = t.InvoiceDate.dt.strftime("%Y-%m-%d")
volume = t[t.Quantity > 0].groupby("StockCode").Quantity.sum().sort_values(ascending=False, kind="stable")
skus = set(volume.index[40:2040:10]) | {"POST", "DOT"}
s = t[t.StockCode.isin(skus)].copy()
s["channel"] = s["Customer ID"].isna().map({True: "guest", False: "account"})

uk = s[s.Country == "United Kingdom"]
daily = (uk.groupby(["StockCode", "day", "channel"], sort=True)
           .agg(qty=("Quantity", "sum"), price=("Price", "median"), desc=("Description", "first"))
           .reset_index())
daily = daily[daily.qty != 0]
with open("config/samples/northwind/northwind_sales_2009_2011.csv", "w", newline="") as f:
    f.write("item_code;sold_on;qty_sold;unit_price;item_name;channel\r\n")
    for r in daily.itertuples(index=False):
        y, m, d = r.day.split("-")
        name = str(r.desc).replace('"', '""') if r.desc is not None else ""
        price = f"{r.price:.2f}".replace(".", ",")
        f.write(f'{r.StockCode};{d}/{m}/{y};{r.qty};{price};"{name}";{r.channel}\r\n')

ex = s[s.Country != "United Kingdom"]
exp = (ex.groupby(["StockCode", "day", "Country"], sort=True)
         .agg(units=("Quantity", "sum"), price=("Price", "median")).reset_index())
exp = exp[exp.units != 0]
with open("config/samples/harbor/harbor_export_2009_2011.jsonl", "w") as f:
    for r in exp.itertuples(index=False):
        f.write(json.dumps({"sku": r.StockCode, "date": r.day, "units": int(r.units),
                            "price": round(float(r.price), 2), "country": r.Country}) + "\n")
print(len(daily), len(exp), len(skus))
