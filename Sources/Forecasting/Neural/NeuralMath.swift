import Foundation

func log1pValue(_ x: Double) -> Double { log1p(x) }
func expm1Value(_ x: Double) -> Double { expm1(x) }
func sinValue(_ x: Double) -> Double { sin(x) }
func cosValue(_ x: Double) -> Double { cos(x) }
func logValue(_ x: Double) -> Double { log(x) }
func expValue(_ x: Double) -> Double { exp(x) }
