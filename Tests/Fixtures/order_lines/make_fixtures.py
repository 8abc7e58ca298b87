# Builds the fixtures of OrderLineTests from the Online Retail II transactions with pandas 3.1 (run from the
# repository root: python Tests/Fixtures/order_lines/make_fixtures.py, in a venv with pandas and pyarrow).
# retail_order_lines.csv has no quantity column, like H&M's transactions_train.csv or Olist's order items:
# every row is one unit sold (a transaction line of quantity q becomes q rows). Its long twin has the units
# per article and day.
import pandas as pd
df = pd.read_parquet('../shared/data/online_retail_ii/online_retail_II_combined_2009_2011.parquet',
                     columns=['StockCode', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID'])
df = df[(df.Quantity > 0) & (df.Quantity <= 4) & (df.Price > 0)]
df['day'] = df.InvoiceDate.dt.normalize()
df = df[(df.day >= '2010-01-04') & (df.day <= '2011-11-27')]
lines = df.groupby('StockCode').size()
chosen = lines[(lines >= 250) & (lines <= 400)].sort_index().index[:12]
df = df[df.StockCode.isin(chosen)].sort_values(['InvoiceDate', 'StockCode'], kind='stable')
units = df.loc[df.index.repeat(df.Quantity)]
out = pd.DataFrame({
    't_dat': units.day.dt.strftime('%Y-%m-%d'),
    'customer_id': units['Customer ID'].fillna(0).astype(int).map(lambda c: f'{c:08x}'),
    'article_id': units.StockCode,
    'price': (units.Price / 59.0).round(6),
    'sales_channel_id': 2,
})
out.to_csv('Tests/Fixtures/order_lines/retail_order_lines.csv', index=False)
daily = units.groupby(['StockCode', 'day']).size().reset_index(name='quantity')
daily = daily.rename(columns={'StockCode': 'sku', 'day': 'date'})
daily['date'] = daily.date.dt.strftime('%Y-%m-%d')
daily.sort_values(['sku', 'date']).to_csv('Tests/Fixtures/order_lines/retail_order_lines_daily.csv', index=False)
