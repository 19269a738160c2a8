@_exported import EmpirioJSON
// `HTTPRequest`, `HTTPResponse` and `HTTPFields` appear in the client's API (transports,
// middlewares, response metadata), so importing the runtime makes them available.
@_exported import HTTPTypes
