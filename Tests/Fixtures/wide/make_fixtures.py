# Builds the wide-layout fixtures of WideLayoutTests from the Online Retail II transactions with pandas 3.1 and
# openpyxl 3.1 (run from the repository root: python make_fixtures.py, in a venv with pandas pyarrow openpyxl).
import pandas as pd
df = pd.read_parquet('../shared/data/online_retail_ii/online_retail_II_combined_2009_2011.parquet',
                     columns=['StockCode', 'Description', 'Quantity', 'InvoiceDate'])
df = df[df.Quantity > 0]
df['day'] = df.InvoiceDate.dt.normalize()
df = df[(df.day >= '2010-01-04') & (df.day <= '2011-11-27')]
top = df.groupby('StockCode').Quantity.sum().sort_values(ascending=False).index[:24]
df = df[df.StockCode.isin(top)]
daily = df.groupby(['StockCode', 'day']).Quantity.sum().reset_index()
# The long twin: one row per SKU and day with sales.
long = daily.rename(columns={'StockCode': 'sku', 'day': 'date', 'Quantity': 'quantity'})
long['date'] = long.date.dt.strftime('%Y-%m-%d')
long.sort_values(['sku', 'date']).to_csv('Tests/Fixtures/wide/retail_daily_long.csv', index=False)
# M5-style wide file: id columns, then d_1 … d_N (d_1 = 2010-01-04), zeros where nothing sold.
days = pd.date_range('2010-01-04', '2011-11-27', freq='D')
wide = daily.pivot(index='StockCode', columns='day', values='Quantity').reindex(columns=days).fillna(0).astype(int)
wide.columns = [f'd_{i + 1}' for i in range(len(days))]
dept = df.groupby('StockCode').Description.first().str.split().str[-1]
wide.insert(0, 'dept_id', dept.reindex(wide.index))
wide.index.name = 'item_id'
wide.reset_index().to_csv('Tests/Fixtures/wide/retail_daily_wide.csv', index=False)
# A planner's weekly pivot workbook: real date headers (Monday of each week), blanks where nothing sold.
weekly = df.assign(week=df.day - pd.to_timedelta(df.day.dt.day_of_week, unit='D'))
top12 = top[:12]
pivot = weekly[weekly.StockCode.isin(top12)].groupby(['StockCode', 'week']).Quantity.sum().unstack('week')
pivot.columns = [c.to_pydatetime() for c in pivot.columns]
pivot.index.name = 'StockCode'
with pd.ExcelWriter('Tests/Fixtures/wide/retail_weekly_pivot.xlsx', engine='openpyxl') as writer:
    pivot.reset_index().to_excel(writer, sheet_name='Units', index=False)
weekly[weekly.StockCode.isin(top12)].groupby(['StockCode', 'week']).Quantity.sum().reset_index() \
    .assign(week=lambda f: f.week.dt.strftime('%Y-%m-%d')).to_csv('Tests/Fixtures/wide/retail_weekly_pivot_expected.csv', index=False)
