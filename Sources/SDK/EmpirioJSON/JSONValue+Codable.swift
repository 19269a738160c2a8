import Foundation

/// `JSONValue` is `Codable`, so generated parameters can hold values whose type the catalog does
/// not pin down, and runtime types can keep fields they do not model. Numbers decode exactly
/// (through `Decimal`) and encode from their text.
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .number(NumberLiteral(int))
        } else if let decimal = try? container.decode(Decimal.self), let number = NumberLiteral(decimal.description) {
            self = .number(number)
        } else if let double = try? container.decode(Double.self) {
            self = .number(NumberLiteral(double))
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else if let object = try? container.decode([String: JSONValue].self) {
            self = .object(object)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .number(let number):
            if let int = Int(number.text) {
                try container.encode(int)
            } else if number.isFinite,
                let decimal = Decimal(string: number.text, locale: Locale(identifier: "en_US_POSIX"))
            {
                try container.encode(decimal)
            } else {
                try container.encode(number.doubleValue)
            }
        case .string(let string): try container.encode(string)
        case .array(let array): try container.encode(array)
        case .object(let object): try container.encode(object)
        }
    }

    /// The JSON value an `Encodable` encodes to (through `JSONEncoder`).
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        self = try JSONValue(parsing: [UInt8](data))
    }
}
