# Builds retail_by_year.xlsx for the multi-sheet ingest test with openpyxl 3.1 (run from the repository
# root: python Tests/Fixtures/workbooks/make_fixture.py). The rows are Tests/Fixtures/order_lines/
# retail_order_lines_daily.csv (pandas, from Online Retail II), laid out the way UCI's online_retail_II.xlsx
# is: one sheet per year of invoice lines with real date cells, here "Year 2010" and "Year 2011", then a
# visible "Notes" sheet of text and a hidden "Year totals" sheet, which a "Year *" pattern must skip.
import csv
import datetime
from openpyxl import Workbook

rows = list(csv.DictReader(open('Tests/Fixtures/order_lines/retail_order_lines_daily.csv')))
book = Workbook()
book.remove(book.active)
for year in ('2010', '2011'):
    sheet = book.create_sheet(f'Year {year}')
    sheet.append(['StockCode', 'InvoiceDate', 'Quantity'])
    for row in rows:
        if row['date'].startswith(year):
            day = datetime.datetime.strptime(row['date'], '%Y-%m-%d').replace(hour=9, minute=30)
            sheet.append([row['sku'], day, int(row['quantity'])])
            sheet.cell(row=sheet.max_row, column=2).number_format = 'dd/mm/yyyy hh:mm'
notes = book.create_sheet('Notes')
notes.append(['Exported from the order system; one sheet per year.'])
totals = book.create_sheet('Year totals')
totals.append(['Year', 'Units'])
totals.append([2010, 1])
totals.sheet_state = 'hidden'
book.save('Tests/Fixtures/workbooks/retail_by_year.xlsx')

# report_with_title.xlsx: an ERP-style report sheet whose title and export note fill rows 1-2 above the
# header on row 4 (row 3 empty), for producers[].headerRow. The 2011 rows of the same SKUs.
report = Workbook()
sheet = report.active
sheet.title = 'Report'
sheet['A1'] = 'Sales by item and day, 2011'
sheet['A2'] = 'Exported from the order system'
sheet.append([])
sheet.append(['StockCode', 'InvoiceDate', 'Quantity'])
for row in rows:
    if row['date'].startswith('2011'):
        sheet.append([row['sku'], datetime.datetime.strptime(row['date'], '%Y-%m-%d'), int(row['quantity'])])
        sheet.cell(row=sheet.max_row, column=2).number_format = 'yyyy-mm-dd'
report.save('Tests/Fixtures/workbooks/report_with_title.xlsx')
