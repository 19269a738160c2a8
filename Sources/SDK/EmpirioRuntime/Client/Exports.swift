@_exported import EmpirioJSON
// Prices, estimates and units (`USD`, `PricingRate`, `CostEstimate`) are part of the metadata and the client.
@_exported import EmpirioPricing
// `HTTPRequest`, `HTTPResponse` and `HTTPFields` appear in the client's API (transports,
// middlewares, response metadata), so importing the runtime makes them available.
@_exported import HTTPTypes
