import EmpirioCatalog
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// `empirio-config.yaml`: reading, located faults, model selection, access levels.
@Suite("Generator config")
struct ConfigTests {
    static var defaultCatalog: Catalog {
        get throws {
            try CatalogLoader.load(
                contentsOf: SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json").path
            ).catalog
        }
    }

    func load(_ text: String, name: String = "empirio-config.yaml", in directory: String = "/work/app/Sources/App")
        throws(CatalogError) -> GeneratorConfig
    {
        try GeneratorConfig.load(bytes: Array(text.utf8), file: directory + "/" + name)
    }

    @Test("every key, in YAML and in JSON; paths resolve against the config's folder")
    func readsEveryKey() throws {
        let yaml = """
            catalog: ../../catalog.json
            output: Bindings
            models: [deepseek-v4-pro, "wan2-7-*"]
            exclude: "*:variant*"
            categories: [text, image]
            endpoints: [chat/completions, /v1/images/generations]
            providers: [deepseek, alibaba]
            accessModifier: package
            additionalImports: [Foundation]
            typeNamePrefix: Acme
            templates: ../../templates
            """
        let config = try load(yaml)
        #expect(config.catalog == "/work/app/catalog.json")
        #expect(config.output == "/work/app/Sources/App/Bindings")
        #expect(config.templates == "/work/app/templates")
        #expect(config.selection.models?.map(\.text) == ["deepseek-v4-pro", "wan2-7-*"])
        #expect(config.selection.exclude.map(\.text) == ["*:variant*"])
        #expect(config.selection.categories == ["text", "image"])
        #expect(config.selection.endpoints == [.chatCompletions, .imageGenerations])
        #expect(config.selection.providers == ["deepseek", "alibaba"])
        #expect(
            config.options
                == GenerationOptions(
                    accessModifier: .package, additionalImports: ["Foundation"], typeNamePrefix: "Acme"))

        let json = try load(#"{"catalog": "/abs/catalog.yaml"}"#, name: "empirio-config.json")
        #expect(json.catalog == "/abs/catalog.yaml")
        #expect(json.output == "/work/app/Sources/App/Generated")
        #expect(json.selection == .all)
        #expect(json.options.accessModifier == .internal)
    }

    @Test("every fault of a bad config at once, each with file, line, column and path; a typo gets a suggestion")
    func badConfig() throws {
        let yaml = """
            catalog: ../catalog.json
            model: [deepseek-v4-pro]
            accessModifier: open
            endpoints: [chat/completion]
            additionalImports: [Foundation, "not a module"]
            typeNamePrefix: 9Lives
            exclude: {a: 1}
            """
        do {
            _ = try load(yaml)
            Issue.record("a bad config must be refused")
        } catch {
            let lines = error.diagnostics.map(\.description)
            let file = "/work/app/Sources/App/empirio-config.yaml"
            #expect(
                lines.contains {
                    $0.hasPrefix("\(file):2:1: error: model: unknown key \"model\" (did you mean models?)")
                }, "\(lines)")
            #expect(
                lines.contains {
                    $0.hasPrefix("\(file):3:17: error: accessModifier: expected public, package or internal")
                }, "\(lines)")
            #expect(
                lines.contains {
                    $0.hasPrefix("\(file):4:13: error: endpoints[0]: unknown endpoint \"chat/completion\"")
                }, "\(lines)")
            #expect(
                lines.contains {
                    $0.hasPrefix("\(file):5:33: error: additionalImports[1]: \"not a module\" is not a module name")
                }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("\(file):6:17: error: typeNamePrefix:") }, "\(lines)")
            #expect(
                lines.contains {
                    $0.hasPrefix("\(file):7:10: error: exclude: expected a list of strings, found an object")
                }, "\(lines)")
            #expect(error.errors.count == 6)
        }
        #expect(throws: CatalogError.self) { try load("models: [a]\n") }
        #expect(throws: CatalogError.self) { try load("[catalog]\n") }
        #expect(throws: CatalogError.self) { try load("catalog: [a\n") }
        #expect(throws: CatalogError.self) { try load("catalog: a\ncatalog: b\n") }
    }

    @Test("ids, globs, exclusions and filters choose exactly the models they say; a missing id is a located error")
    func selection() throws {
        let catalog = try Self.defaultCatalog
        let config = try load(
            """
            catalog: c.json
            models: [deepseek-v4-pro, "wan2-7-*", qwen3-rerank, "nothing-*"]
            exclude: ["*-pro-*"]
            """)
        let (chosen, diagnostics) = config.selection.apply(to: catalog, configFile: config.file)
        let expected = catalog.models.map(\.id).filter {
            $0 == "deepseek-v4-pro" || $0.hasPrefix("wan2-7-") || $0 == "qwen3-rerank"
        }
        .filter { !$0.contains("-pro-") }
        #expect(chosen.models.map(\.id) == expected)
        #expect(expected.count >= 3)
        #expect(
            diagnostics.map(\.description) == [
                "/work/app/Sources/App/empirio-config.yaml:2:53: warning: models[3]: the pattern \"nothing-*\" matches no model of the catalog"
            ])

        let typo = try load("catalog: c.json\nmodels:\n  - deepseek-v4-pr\n")
        let (_, faults) = typo.selection.apply(to: catalog, configFile: typo.file)
        #expect(
            faults.first?.description.hasPrefix(
                "/work/app/Sources/App/empirio-config.yaml:3:5: error: models[0]: the catalog has no model \"deepseek-v4-pr\" (did you mean \"deepseek-v4-pro\""
            ) == true, "\(faults)")

        // Every (category, endpoint, provider) the catalog has: the filters keep exactly the models that have all three.
        var combinations = 0
        for model in catalog.models {
            guard let category = model.category, let provider = model.provider, let endpoint = model.endpoints.first
            else { continue }
            let filtered = ModelSelection(categories: [category], endpoints: [endpoint], providers: [provider]).apply(
                to: catalog
            ).catalog.models
            let expected = catalog.models.filter {
                $0.category == category && $0.endpoints.contains(endpoint) && $0.provider == provider
            }
            #expect(filtered.map(\.id) == expected.map(\.id))
            #expect(filtered.contains { $0.id == model.id })
            combinations += 1
        }
        #expect(combinations > 100)
    }

    @Test("glob matching agrees with a regular expression on 5,000 seeded random ids and patterns")
    func globsAgreeWithRegex() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("ab-:1")
        for _ in 0..<5_000 {
            let id = String(
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let pattern = String(
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                    (alphabet + ["*", "?"]).randomElement(using: &generator)!
                })
            var regex = "^"
            for character in pattern {
                switch character {
                case "*": regex += ".*"
                case "?": regex += "."
                default: regex += NSRegularExpression.escapedPattern(for: String(character))
                }
            }
            regex += "$"
            let expected = id.range(of: regex, options: .regularExpression) != nil
            #expect(ModelSelection.Pattern(pattern).matches(id) == expected, "\(pattern) vs \(id)")
        }
    }

    @Test(
        "a three-model subset compiles alone at each access level, with code of the same module using it",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"))
    func subsetCompilesAtEveryAccessLevel() async throws {
        let catalog = try Self.defaultCatalog
        let selection = ModelSelection(
            models: ["deepseek-v4-pro", "wan2-7-image", "qwen3-rerank"].map { ModelSelection.Pattern($0) })
        let subset = selection.apply(to: catalog).catalog
        #expect(subset.models.count == 3)
        for modifier in GenerationOptions.AccessModifier.allCases {
            let output = try Generator(renderer: Renderer(), options: GenerationOptions(accessModifier: modifier))
                .generate(subset)
            #expect(
                Set(output.files.keys) == [
                    "DeepseekV4Pro.swift", "Wan2_7Image.swift", "Qwen3Rerank.swift", "ModelRegistry.swift",
                ])
            let registry = output.files["ModelRegistry.swift"]!
            #expect(
                registry.contains(modifier == .public ? "@_exported import EmpirioRuntime" : "\nimport EmpirioRuntime"))
            #expect(!registry.contains("Seedance"), "the registry lists only the chosen models")
            for text in output.files.values {
                // Every declaration carries the chosen level, and no other.
                let others = GenerationOptions.AccessModifier.allCases.filter { $0 != modifier && $0 != .internal }.map
                { $0.rawValue + " " }
                for line in text.split(separator: "\n")
                where !line.trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                    #expect(
                        !others.contains { line.trimmingCharacters(in: .whitespaces).hasPrefix($0) },
                        "\(modifier): \(line)")
                }
                if modifier != .internal { #expect(text.contains("\(modifier.rawValue) enum ")) }
            }
            let directory = try SourceTree.temporaryDirectory("subset-\(modifier.rawValue)")
            defer { try? FileManager.default.removeItem(at: directory) }
            var files: [String] = []
            for (name, text) in output.files {
                try Data(text.utf8).write(to: directory.appendingPathComponent(name))
                files.append(directory.appendingPathComponent(name).path)
            }
            let user = directory.appendingPathComponent("UseBindings.swift")
            try Data(
                """
                import EmpirioRuntime

                func useBindings() -> Int {
                    let image = Wan2_7Image.Parameters(prompt: "A glass cathedral", numImages: 9)
                    let chat = DeepseekV4Pro.Parameters(temperature: 0.7)
                    return image.validate().count + chat.validate().count + ModelRegistry.all.count + ModelRegistry.reranksModels.count
                }

                """.utf8
            ).write(to: user)
            var arguments = [
                "-typecheck", "-parse-as-library", "-module-name", "Subset", "-swift-version", "6",
                "-warnings-as-errors", "-I", SourceTree.products.appendingPathComponent("Modules").path,
            ]
            if modifier == .package { arguments += ["-package-name", "subset"] }
            let result = try await runProcess(Toolchain.swiftc!, arguments + files.sorted() + [user.path])
            #expect(result.status == 0, "\(modifier): \(result.output.prefix(4000))")
        }
    }
}

/// `empirio generate --config` and `empirio templates export`, as a user runs them.
@Suite("empirio generate --config")
struct GenerateConfigCommandTests {
    var empirio: String { SourceTree.products.appendingPathComponent("empirio").path }

    @Test(
        "generates the chosen models; --check fails naming the missing file when the config asks for one more; a bad config writes nothing"
    )
    func configFlow() async throws {
        let root = try SourceTree.temporaryDirectory("config-flow")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Sources/App")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json"),
            to: root.appendingPathComponent("catalog.json"))
        let config = target.appendingPathComponent("empirio-config.yaml")
        try Data("catalog: ../../catalog.json\nmodels: [deepseek-v4-pro, wan2-7-image, qwen3-rerank]\n".utf8).write(
            to: config)

        let first = try await runProcess(empirio, ["generate", "--config", config.path])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("generated 4 files for 3 models"))
        let generated = target.appendingPathComponent("Generated")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: generated.path)) == [
                "DeepseekV4Pro.swift", "Wan2_7Image.swift", "Qwen3Rerank.swift", "ModelRegistry.swift",
            ])
        #expect(try await runProcess(empirio, ["generate", "--config", config.path, "--check"]).status == 0)

        try Data(
            "catalog: ../../catalog.json\nmodels: [deepseek-v4-pro, wan2-7-image, qwen3-rerank, text-embedding-v4]\n"
                .utf8
        ).write(to: config)
        let stale = try await runProcess(empirio, ["generate", "--config", config.path, "--check"])
        #expect(stale.status == 1)
        #expect(stale.output.contains("missing   TextEmbeddingV4.swift"), "\(stale.output)")
        #expect(stale.output.contains("changed   ModelRegistry.swift"), "\(stale.output)")

        let before = try FileManager.default.contentsOfDirectory(atPath: generated.path).sorted().map {
            try Data(contentsOf: generated.appendingPathComponent($0))
        }
        try Data(
            "catalog: ../../catalog.json\nmodels: [deepseek-v4-pro, text-embeding-v4]\naccesModifier: public\n".utf8
        ).write(to: config)
        let bad = try await runProcess(empirio, ["generate", "--config", config.path])
        #expect(bad.status == 1)
        #expect(
            bad.output.contains(
                "empirio-config.yaml:3:1: error: accesModifier: unknown key \"accesModifier\" (did you mean accessModifier?)"
            ), "\(bad.output)")
        #expect(bad.output.contains("nothing was generated"))
        try Data("catalog: ../../catalog.json\nmodels: [deepseek-v4-pro, text-embeding-v4]\n".utf8).write(to: config)
        let typo = try await runProcess(empirio, ["generate", "--config", config.path])
        #expect(typo.status == 1)
        #expect(
            typo.output.contains(
                "empirio-config.yaml:2:27: error: models[1]: the catalog has no model \"text-embeding-v4\""),
            "\(typo.output)")
        let after = try FileManager.default.contentsOfDirectory(atPath: generated.path).sorted().map {
            try Data(contentsOf: generated.appendingPathComponent($0))
        }
        #expect(before == after, "a bad config leaves the previous files untouched")

        // Without arguments, generate finds the config under Sources/ of the working directory.
        try Data("catalog: ../../catalog.json\nmodels: [qwen3-rerank]\n".utf8).write(to: config)
        let discovered = try await runProcess("/bin/sh", ["-c", "cd '\(root.path)' && '\(empirio)' generate"])
        #expect(discovered.status == 0, "\(discovered.output)")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: generated.path)) == [
                "Qwen3Rerank.swift", "ModelRegistry.swift",
            ])
    }

    @Test("templates export writes the built-in templates, and refuses to overwrite edited ones without --force")
    func templatesExport() async throws {
        let directory = try SourceTree.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await runProcess(empirio, ["templates", "export", directory.path])
        #expect(result.status == 0, "\(result.output)")
        for name in Renderer.templateNames {
            #expect(
                try String(contentsOf: directory.appendingPathComponent(name + ".mustache"), encoding: .utf8)
                    == Renderer.defaultTemplates[name])
        }
        try Data("edited".utf8).write(to: directory.appendingPathComponent("enum.mustache"))
        #expect(try await runProcess(empirio, ["templates", "export", directory.path]).status == 1)
        #expect(try await runProcess(empirio, ["templates", "export", directory.path, "--force"]).status == 0)
        #expect(
            try String(contentsOf: directory.appendingPathComponent("enum.mustache"), encoding: .utf8)
                == Renderer.defaultTemplates["enum"])
    }
}
