import EmpirioCatalog
import EmpirioTestSupport
import Foundation
import Mustache
import Testing

@testable import EmpirioCodegen

/// The generator's template engine against swift-mustache, the engine its templates were written
/// for: seeded random templates (every tag kind, standalone lines, indented partials, transforms,
/// pragmas, set delimiters, CRLF) over seeded random values must render the same bytes.
@Suite("Template engine")
struct TemplateEngineTests {
    @Test("renders exactly as swift-mustache on 3,000 seeded random templates and values")
    func differential() throws {
        var compared = 0
        for seed in UInt64(1)...3_000 {
            var random = SplitMix64(seed: seed)
            var maker = TemplateMaker(random: random)
            let partialTexts = (0..<2).map { maker.template(depth: 0, partialsBelow: $0, isPartial: true) }
            let text = maker.template(depth: 0, partialsBelow: 2, isPartial: false)
            random = maker.random
            let value = ValueMaker.object(depth: 0, random: &random)

            var ours = TemplateLibrary()
            var theirs = MustacheLibrary()
            for (index, partial) in partialTexts.enumerated() {
                ours.register(try compile(partial, seed: seed), named: "p\(index)")
                try theirs.register(partial, named: "p\(index)")
            }
            ours.register(try compile(text, seed: seed), named: "main")
            try theirs.register(text, named: "main")

            let expected = theirs.render(Reference.convert(value), withTemplate: "main")
            let actual = ours.render(value, withTemplate: "main")
            #expect(
                actual == expected,
                "seed \(seed): the template\n\(text.debugDescription)\npartials \(partialTexts.map(\.debugDescription))"
            )
            if actual != expected { return }
            compared += 1
        }
        #expect(compared == 3_000)
    }

    @Test("the generator's own templates render the committed catalog exactly as swift-mustache does")
    func defaultTemplatesMatch() throws {
        let catalog = try CatalogLoader.load(
            contentsOf: SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json").path
        ).catalog
        let (module, _) = DeclarationBuilder(options: GenerationOptions(accessModifier: .public)).module(
            catalog, header: "// header")
        var ours = TemplateLibrary()
        var theirs = MustacheLibrary()
        for name in Renderer.templateNames {
            ours.register(try TemplateParser.compile(Renderer.defaultTemplates[name]!), named: name)
            try theirs.register(Renderer.defaultTemplates[name]!, named: name)
        }
        for model in module.models.prefix(60) {
            let value = TemplateValue.object(ModelFileContext(module: module, model: model))
            #expect(
                ours.render(value, withTemplate: "model")
                    == theirs.render(Reference.convert(value), withTemplate: "model"), "\(model.id)")
        }
        let registry = TemplateValue.object(RegistryContext(module: module))
        #expect(
            ours.render(registry, withTemplate: "registry")
                == theirs.render(Reference.convert(registry), withTemplate: "registry"))
    }

    @Test("a template fault is refused when it is loaded, with its line and column and what is wrong")
    func faultsAreLocated() throws {
        let cases: [(template: String, line: Int, column: Int, message: String)] = [
            ("{{% CONTENT_TYPE: TEXT}}\n{{#cases}}\n  {{nmae}}\n{{/cases}}\n", 3, 5, "no value is named `nmae`"),
            ("{{% CONTENT_TYPE: TEXT}}\n{{^lst()}}, {{/lst()}}", 2, 4, "`lst` is not a transform"),
            ("{{% CONTENT_TYPE: TEXT}}\n{{#cases}}\n{{name}}\n", 4, 1, "the section {{#cases}} is not closed"),
            (
                "{{% CONTENT_TYPE: TEXT}}\n{{#cases}}{{/case}}", 2, 14,
                "{{/case}} does not close the open section {{#cases}}"
            ),
            ("{{% CONTENT_TYPE: TEXT}}\nx {{/cases}}", 2, 3, "{{/cases}} closes no section"),
            ("{{% CONTENT_TYPE: TEXT}}\n{{<parent}}{{/parent}}", 2, 1, "template inheritance"),
            ("{{% CONTENT_TYPE: TEXT}}\n{{>*dynamic}}", 2, 1, "dynamic partials"),
            ("{{% CONTENT_TYPE: TEXT}}\n{{! never closed", 2, 17, "the comment is not closed"),
            ("{{% CONTENT_TYPE: JSON}}", 1, 25, "a pragma reads"),
            ("{{% CONTENT_TYPE: TEXT}}\n{{count()}}", 2, 3, "count() needs a value"),
            ("{{% CONTENT_TYPE: TEXT}}\n{{name", 2, 7, "expected }} after the name `name`"),
        ]
        for entry in cases {
            do {
                _ = try TemplateParser.compile(entry.template)
                Issue.record("\(entry.template.debugDescription) must be refused")
            } catch {
                #expect(
                    error.line == entry.line && error.column == entry.column,
                    "\(entry.template.debugDescription): \(error.line):\(error.column)")
                #expect(error.message.contains(entry.message), "\(error.message)")
            }
        }
    }

    @Test(
        "an override with a fault, or naming a partial that is no template, is refused with its file, line and column")
    func overrideFaultsAreLocated() throws {
        let directory = try SourceTree.temporaryDirectory("template-faults")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("struct.mustache").path
        try Data("{{% CONTENT_TYPE: TEXT}}\n{{#properties}}\n    {{> property}}\n{{/properties}}\n".utf8).write(
            to: URL(fileURLWithPath: path))
        #expect {
            try Renderer(overrides: directory.path)
        } throws: { error in
            (error as? GeneratorError)?.description.hasPrefix("\(path):3:9: error: no template is named `property`")
                == true
        }
        try Data("{{% CONTENT_TYPE: TEXT}}\n{{#properties}}{{nam}}{{/properties}}\n".utf8).write(
            to: URL(fileURLWithPath: path))
        #expect {
            try Renderer(overrides: directory.path)
        } throws: { error in
            (error as? GeneratorError)?.description.hasPrefix(
                "\(path):2:18: error: {{#properties}}: no value is named `nam`") == true
        }
    }

    private func compile(_ text: String, seed: UInt64) throws -> CompiledTemplate {
        do {
            return try TemplateParser.compile(text)
        } catch {
            Issue.record("seed \(seed): \(error.line):\(error.column): \(error.message) in \(text.debugDescription)")
            throw error
        }
    }
}

/// Values in swift-mustache's terms: strings, booleans, integers, arrays (of strings when every
/// element is one, so `sorted()` applies as it does to the generator's string lists) and parents.
private enum Reference {
    struct Box: MustacheParent {
        let object: any TemplateObject

        func child(named name: String) -> Any? {
            guard let key = TemplateKey(rawValue: name), let value = object.value(for: key) else { return nil }
            return Reference.convert(value)
        }
    }

    static func convert(_ value: TemplateValue) -> Any {
        switch value {
        case .string(let string): return string
        case .bool(let bool): return bool
        case .int(let int): return int
        case .object(let object): return Box(object: object)
        case .list(let elements):
            var strings: [String] = []
            for element in elements {
                guard case .string(let string) = element else { return elements.map(convert) }
                strings.append(string)
            }
            return strings
        }
    }
}

/// Random values: each object has a random subset of the keys (so lookups climb), by kind.
private enum ValueMaker {
    /// Keys whose values are strings, booleans or integers.
    static let scalarKeys: [TemplateKey] = [
        .name, .header, .access, .arguments, .text, .literal, .isOptional, .hasChecks,
    ]
    static let stringListKeys: [TemplateKey] = [.conformances, .endpoints, .features]
    static let objectListKeys: [TemplateKey] = [.properties, .cases, .checks]
    static let objectKeys: [TemplateKey] = [.metadata, .struct, .enum]

    struct Object: TemplateObject {
        let fields: [TemplateKey: TemplateValue]
        func value(for key: TemplateKey) -> TemplateValue? { fields[key] }
    }

    static func scalar(for key: TemplateKey, random: inout SplitMix64) -> TemplateValue {
        switch key {
        case .isOptional, .hasChecks: return .bool(Bool.random(using: &random))
        case .literal: return .int(Int.random(in: -3...12, using: &random))
        default: return .string(string(random: &random))
        }
    }

    static func string(random: inout SplitMix64) -> String {
        let pieces = ["a", "Bc", "de f", "<b>", "x&y", "\"q\"", "it's", " ", "", "Ünï", "😀"]
        return (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func object(depth: Int, random: inout SplitMix64) -> TemplateValue {
        var fields: [TemplateKey: TemplateValue] = [:]
        for key in scalarKeys where Int.random(in: 0..<3, using: &random) > 0 {
            fields[key] = scalar(for: key, random: &random)
        }
        for key in stringListKeys where Bool.random(using: &random) {
            fields[key] = .list(
                (0..<Int.random(in: 0...3, using: &random)).map { _ in .string(string(random: &random)) })
        }
        if depth < 3 {
            for key in objectListKeys where Bool.random(using: &random) {
                fields[key] = .list(
                    (0..<Int.random(in: 0...3, using: &random)).map { _ in object(depth: depth + 1, random: &random) })
            }
            for key in objectKeys where Int.random(in: 0..<3, using: &random) == 0 {
                fields[key] = object(depth: depth + 1, random: &random)
            }
        }
        return .object(Object(fields: fields))
    }
}

/// Random templates. What the top of the stack holds decides whether `{{.}}` may print it (a
/// string or number, never a list or an object, which swift-mustache prints as Swift would).
private struct TemplateMaker {
    var random: SplitMix64
    var open = "{{"
    var close = "}}"

    enum Top { case object, scalar, list }

    mutating func pick<T>(_ choices: [T]) -> T { choices.randomElement(using: &random)! }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func template(depth: Int, partialsBelow: Int, isPartial: Bool) -> String {
        open = "{{"
        close = "}}"
        var text = pick(["{{% CONTENT_TYPE: TEXT}}", "{{% CONTENT_TYPE: TEXT}}\n", "", "{{%CONTENT_TYPE:HTML}}\n"])
        text += body(depth: 0, top: .object, inList: false, partialsBelow: partialsBelow, allowDelimiters: true)
        return text
    }

    mutating func tag(_ inside: String) -> String { open + inside + close }

    mutating func body(depth: Int, top: Top, inList: Bool, partialsBelow: Int, allowDelimiters: Bool) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            text += fragment(
                depth: depth, top: top, inList: inList, partialsBelow: partialsBelow, allowDelimiters: allowDelimiters)
        }
        return text
    }

    mutating func blank() -> String { pick(["", "", " ", "  ", "\t", " \t "]) }

    mutating func fragment(depth: Int, top: Top, inList: Bool, partialsBelow: Int, allowDelimiters: Bool) -> String {
        switch Int.random(in: 0..<14, using: &random) {
        case 0, 1:
            return pick(["a", "b c", "  ", "\n", "\r\n", "x\n", " \n", "{ x }", "}", "<&>", "\t", "ü"])
        case 2, 3:
            var choices = ValueMaker.scalarKeys.map(\.rawValue)
            choices += [
                "uppercased(name)", "lowercased(header)", "capitalized(arguments)", "reversed(text)", "empty(name)",
                "plusone(literal)", "odd(literal)",
            ]
            choices += ValueMaker.stringListKeys.map { "count(\($0.rawValue))" }
            choices += ["count(properties)", "empty(cases)", "metadata.name", "struct.arguments", ".name"]
            if top == .scalar { choices += [".", "."] }
            if inList { choices += ["first()", "last()", "index()", "even()", "odd()", "plusone(index())"] }
            let name = pick(choices)
            switch Int.random(in: 0..<4, using: &random) {
            // A triple mustache only with the default delimiters (swift-mustache reads `<%{name%>}` otherwise).
            case 0 where open == "{{": return tag("{" + name + "}")
            case 1: return tag("& " + name)
            default: return tag(chance(20) ? " \(name) " : name)
            }
        case 4, 5, 6:
            guard depth < 4 else { return "z" }
            let inverted = chance(30)
            // (name, what it pushes, whether its body is in a list)
            var choices: [(String, Top, Bool)] = []
            choices += ValueMaker.scalarKeys.map { ($0.rawValue, .scalar, false) }
            choices += ValueMaker.stringListKeys.map { ($0.rawValue, .scalar, true) }
            choices += ValueMaker.objectListKeys.map { ($0.rawValue, .object, true) }
            choices += ValueMaker.objectKeys.map { ($0.rawValue, .object, false) }
            choices += [
                ("reversed(properties)", .object, true), ("sorted(features)", .scalar, true),
                ("first(cases)", .object, false), ("last(endpoints)", .scalar, false),
            ]
            choices += [("metadata.struct", .object, false), ("empty(conformances)", top, false)]
            if inList { choices += [("first()", top, true), ("last()", top, true), ("odd()", top, true)] }
            var (name, pushes, isList) = pick(choices)
            // A boolean section pushes nothing; an inverted section renders on empty lists and absent values.
            if ["isOptional", "hasChecks", "empty(conformances)", "first()", "last()", "odd()"].contains(name) {
                pushes = top
            }
            if name == "first()" || name == "last()" || name == "odd()" { isList = inList }
            if inverted {
                // An inverted section renders on an absent or false value (the top stays) or on an
                // empty list (which it pushes); the position stays, or is gone in both engines.
                let lists =
                    ValueMaker.stringListKeys.map(\.rawValue) + ValueMaker.objectListKeys.map(\.rawValue) + [
                        "reversed(properties)", "sorted(features)",
                    ]
                pushes = lists.contains(name) ? .list : top
                isList = inList
            }
            let standalone = chance(50)
            let opening = tag((inverted ? "^" : "#") + name)
            let closing = tag("/" + name)
            let inner = body(
                depth: depth + 1, top: pushes, inList: isList, partialsBelow: partialsBelow, allowDelimiters: false)
            if standalone {
                return "\n" + blank() + opening + blank() + "\n" + inner + "\n" + blank() + closing + blank()
                    + (chance(70) ? "\n" : "")
            }
            return opening + inner + closing
        case 7:
            let comment = tag("! " + pick(["note", "a b", ""]) + " ")
            return chance(50) ? "\n" + blank() + comment + blank() + "\n" : comment
        case 8, 9:
            guard partialsBelow > 0 else { return "p" }
            let partial = tag("> p\(Int.random(in: 0..<partialsBelow, using: &random))")
            return chance(60) ? "\n" + blank() + partial + blank() + "\n" : partial
        case 10:
            return chance(50) ? "\n" + blank() + tag("% CONTENT_TYPE: TEXT") + "\n" : tag("%CONTENT_TYPE: HTML")
        case 11:
            guard allowDelimiters else { return "\n" }
            // Two-character delimiters only: swift-mustache steps back two characters from a
            // closing tag to cut the section's text, and traps on a one-character delimiter.
            let (newOpen, newClose) = pick([("<%", "%>"), ("[[", "]]"), ("{{", "}}")])
            let change = tag("=\(newOpen) \(newClose)=")
            open = newOpen
            close = newClose
            return chance(50) ? "\n" + blank() + change + blank() + "\n" : change
        default:
            return pick(["\n", "\n  ", " ", "\r\n"])
        }
    }
}
