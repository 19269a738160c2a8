import EmpirioDocument
import EmpirioPricing

extension Model {
    /// `video` or `audio`: what a bare `second` (or `minute`) unit of this model counts.
    public var pricingMedium: String? {
        let families = Set(endpoints.compactMap(\.spec?.family))
        if outputModalities.contains("video") || category == "video" || families.contains(.video) { return "video" }
        if outputModalities.contains("audio") || category == "audio" || category == "transcription" { return "audio" }
        if families.contains(.audio) || families.contains(.transcription) { return "audio" }
        return nil
    }

    /// The rates, typed.
    public var rates: [PricingRate] { pricing.map { $0.rate(medium: pricingMedium) } }

    /// The names of the parameters the price depends on: every dimension a row carries, and the
    /// estimator's count parameters.
    public var pricedParameterNames: Set<String> {
        var names = Set(CostEstimator.quantityParameters)
        for rate in rates { names.formUnion(rate.dimensions.keys) }
        return names
    }

    /// The parameters the price depends on, in table order, with defaults and allowed values.
    public var pricedParameters: [PricedParameter] {
        let names = pricedParameterNames
        return parameters.filter { names.contains($0.name) }.map { parameter in
            PricedParameter(
                parameter.name, defaultValue: parameter.defaultValue,
                allowedValues: (parameter.allowedValues ?? []).compactMap { $0.text ?? $0.boolValue.map(String.init) })
        }
    }

    /// What the cost estimator needs of the model.
    public var priceSheet: PriceSheet {
        PriceSheet(model: id, rates: rates, parameters: pricedParameters, contextWindow: contextWindow)
    }
}

extension PricingRow {
    /// The keys a row's typed fields come from; every other key is a dimension.
    static let typedKeys: Set<String> = ["unit_name", "min_tokens", "max_tokens"]

    /// The row as a typed rate: the unit read from `unit` (or `unit_name` for a `custom` unit),
    /// `per` scaled by the quantity the unit names (`1M tokens`, `minute`), the token range from
    /// `min_tokens`/`max_tokens`, and every other key as a dimension.
    ///
    /// - Parameter medium: `video` or `audio`, for a bare `second`.
    /// - Returns: The rate.
    public func rate(medium: String?) -> PricingRate {
        let parsed = PricingRate.unit(unit, unitName: extra["unit_name"]?.text, medium: medium)
        var per = priceUSD == nil && self.per == nil ? 1 : (self.per.flatMap { ExactDecimal.parse($0.text) } ?? 1)
        if per <= 0 { per = 1 }
        var rate = PricingRate(
            label: label, price: priceUSD.flatMap { USD($0.text) }, unit: parsed.unit, per: per * parsed.quantity,
            tier: tier)
        let minTokens = extra["min_tokens"]?.intValue
        let maxTokens = extra["max_tokens"]?.intValue
        if minTokens != nil || maxTokens != nil {
            let lower = max(minTokens ?? 0, 0)
            rate.tokens = lower...max(maxTokens ?? Int.max, lower)
        }
        for (key, value) in extra where !Self.typedKeys.contains(key) {
            if let text = value.text ?? value.boolValue.map(String.init) { rate.dimensions[key] = text }
        }
        return rate
    }
}
