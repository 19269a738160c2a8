#!/usr/bin/env python3
"""A catalog of varied models for `empirio diff` figures, and its next version.

    python3 Benchmarks/varied-catalog.py N OLD.json NEW.json [--seed S]

writes two catalogs of N models (NEW with a few hundred models changed, some removed, some
added). Unlike `empirio-bench scale-catalog`, which copies the default catalog's models, every
model here has a structure of its own: its own parameter table (a random mix of types, enums of
2-30 values, ranges, defaults, conditions with when / requires / excludes, objects nested 1-4
levels, arrays of objects), its own pricing rows (token tiers, dimensions), endpoints, features
and modalities; about 5 KB of canonical JSON per model. The output is plain JSON: pass it
through `empirio snapshot` to make it canonical. The same N and seed give the same files.
"""
import json
import random
import sys

WORDS = """alpha beta gamma delta sigma omega nova flux pulse orbit quartz ember drift vector prism
lumen cobalt zephyr aurora helix nimbus onyx raven tango umbra vertex willow xenon yarrow zenith
atlas boreal cinder dune echo fable glyph harbor iris jade kestrel lotus mistral nectar opal pike
quill ridge sable tundra ultra vale wren yonder zircon basalt cedar dawn""".split()
PROVIDERS = "acme blueshift cortexa deepfield empira fathom gradient helios inkwell junction kairos lattice".split()
CATEGORIES = ["text", "image", "video", "audio", "embedding", "reranker", "search", "3d"]
ENDPOINTS = {
    "text": ["/v1/chat/completions", "/v1/responses", "/v1/messages", "/v1/completions"],
    "image": ["/v1/images/generations", "/v1/images/edits", "/v1/images/analysis"],
    "video": ["/v1/videos/generations"],
    "audio": ["/v1/audio/speech", "/v1/audio/speech:stream", "/v1/audio/generations", "/v1/audio/transcriptions"],
    "embedding": ["/v1/embeddings"],
    "reranker": ["/v1/reranks"],
    "search": ["/v1/search", "/v1/research", "/v1/answer"],
    "3d": ["/v1/3d/generations"],
}
FEATURES = "streaming tool_calling json_mode structured_output reasoning multilingual vision caching batch seeding".split()
MODALITIES = ["text", "image", "audio", "video", "file"]
PARAM_WORDS = """mode style quality size format level strength scale ratio steps seed voice speed pitch
language region detail budget effort layout preset filter mask guidance sampler scheduler tone
temperature penalty window stride frames fps duration resolution aspect width height depth
threshold limit offset count order rank weight bias prompt suffix prefix template schema policy
safety tier channel codec bitrate""".split()
DESCRIPTIONS = [
    "Controls how the model weighs this setting against the prompt.",
    "Chosen by the gateway when left out.",
    "Higher values trade speed for quality.",
    "Applies only to the first pass of generation.",
    "Ignored when streaming is on.",
    "Values outside the range are rejected before the call is sent.",
    "One of the listed presets; the provider may add more.",
    "Sets the upper bound for this request.",
]


class Generator:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def word(self):
        return self.r.choice(WORDS)

    def description(self):
        return self.r.choice(DESCRIPTIONS)

    def enum_values(self):
        count = self.r.randint(2, 30)
        style = self.r.randrange(4)
        values = []
        while len(values) < count:
            if style == 0:
                value = self.word() + ("_" + self.word() if self.r.random() < 0.2 else "")
            elif style == 1:
                value = f"{self.r.choice([256, 512, 768, 1024, 1536, 2048])}x{self.r.choice([256, 512, 768, 1024, 1536])}"
            elif style == 2:
                value = self.r.choice(["v", "r", "m"]) + str(self.r.randint(1, 99)) + self.r.choice(["", "-hd", "-lite", "-pro"])
            else:
                value = self.word().upper() + "_" + str(self.r.randint(1, 9))
            if value not in values:
                values.append(value)
        return values

    def names(self, count):
        names = []
        while len(names) < count:
            name = self.r.choice(PARAM_WORDS)
            if self.r.random() < 0.6:
                name += "_" + self.r.choice(PARAM_WORDS + WORDS)
            if name not in names:
                names.append(name)
        return names

    def scalar(self, name, depth):
        """One parameter that is not an object: its type decides the rest."""
        p = {"name": name, "description": self.description()}
        kind = self.r.choices(["enum", "integer", "number", "boolean", "string", "array"], [40, 16, 12, 10, 8, 14])[0]
        if kind == "enum":
            values = self.enum_values()
            p.update(type="string", allowed_values=values)
            if self.r.random() < 0.5:
                p["default"] = self.r.choice(values)
        elif kind == "integer":
            low = self.r.choice([0, 1, -1, 8, 16])
            high = low + self.r.choice([1, 4, 10, 64, 100, 1000, 4096, 131072])
            p.update(type="integer", min=low, max=high)
            if self.r.random() < 0.5:
                p["default"] = self.r.randint(low, high)
        elif kind == "number":
            low = self.r.choice([0, -1, -2, 0.01])
            high = self.r.choice([1, 2, 10, 100.5])
            p.update(type="number", min=low, max=high)
            if self.r.random() < 0.5:
                p["default"] = round(self.r.uniform(low, high), 2)
        elif kind == "boolean":
            p.update(type="boolean")
            if self.r.random() < 0.6:
                p["default"] = self.r.random() < 0.5
        elif kind == "string":
            p.update(type="string")
            if self.r.random() < 0.3:
                p["default"] = self.word()
        else:
            p["type"] = "array"
            if depth < 3 and self.r.random() < 0.3:
                p["items"] = {"type": "object", "properties": self.table(self.r.randint(2, 4), depth + 1)}
            elif self.r.random() < 0.5:
                p["items"] = {"type": "string", "allowed_values": self.enum_values()}
            else:
                p["items"] = {"type": self.r.choice(["string", "integer", "number"])}
            if self.r.random() < 0.5:
                p["min_items"] = self.r.randint(0, 2)
            if self.r.random() < 0.6:
                p["max_items"] = self.r.randint(3, 64)
        if self.r.random() < 0.12:
            p["required"] = True
        if self.r.random() < 0.04:
            p["deprecated"] = True
        return p

    def table(self, count, depth):
        """A parameter table: scalars, objects nested up to 4 levels, conditions between them."""
        table = []
        for name in self.names(count):
            if depth < 4 and self.r.random() < 0.15 / depth:
                table.append({"name": name, "type": "object", "description": self.description(),
                              "properties": self.table(self.r.randint(2, 4), depth + 1)})
            else:
                table.append(self.scalar(name, depth))
        # Conditions: a parameter that applies when an enum sibling has a value, needs or excludes another.
        enums = [p for p in table if p.get("allowed_values")]
        for p in table:
            others = [o["name"] for o in table if o is not p]
            if not others or self.r.random() > 0.25:
                continue
            conditions = []
            for _ in range(self.r.randint(1, 2)):
                choice = self.r.randrange(3)
                siblings = [e for e in enums if e is not p]
                if choice == 0 and siblings:
                    subject = self.r.choice(siblings)
                    condition = {"when": {subject["name"]: self.r.choice(subject["allowed_values"])}}
                    if self.r.random() < 0.5:
                        condition["required"] = True
                    conditions.append(condition)
                elif choice == 1:
                    conditions.append({"requires": self.r.sample(others, min(len(others), self.r.randint(1, 2)))})
                else:
                    conditions.append({"excludes": [self.r.choice(others)]})
            p["conditions"] = conditions
        return table

    def pricing(self, category):
        rows = []
        if category in ("text", "embedding", "reranker", "search") or self.r.random() < 0.2:
            tiers = self.r.choice([[None], ["Standard", "Flex"], ["Standard", "Priority", "Batch"], ["Free", "Standard", "Priority", "Batch"]])
            for tier in tiers:
                bounds = self.r.choice([[(None, None)], [(0, 200000), (200000, None)], [(0, 32000), (32000, 128000), (128000, None)]])
                for low, high in bounds:
                    for label in self.r.sample(["Input tokens", "Output tokens", "Cached input tokens", "Reasoning tokens"], self.r.randint(1, 3)):
                        row = {"label": label, "unit": "token", "price_usd": round(self.r.uniform(0.01, 30), 3), "per": 1000000}
                        if tier:
                            row["tier"] = tier
                        if low is not None and low > 0:
                            row["min_tokens"] = low
                        if high is not None:
                            row["max_tokens"] = high
                        rows.append(row)
        else:
            unit = {"image": "image", "video": "video-second", "audio": "second", "3d": "generation"}[category]
            dimension = self.r.choice(["resolution", "quality", "mode"])
            for value in self.r.sample(["512", "1K", "2K", "4K", "low", "medium", "high", "fast", "turbo"], self.r.randint(2, 5)):
                rows.append({"label": f"{unit.title()} ({value})", "unit": unit, "price_usd": round(self.r.uniform(0.001, 2), 4),
                             "per": 1, dimension: value})
        return rows

    def model(self, index):
        category = self.r.choices(CATEGORIES, [40, 15, 10, 12, 8, 5, 6, 4])[0]
        provider = self.r.choice(PROVIDERS)
        # Ids of several shapes, some that name the same Swift type (`x-1.5` and `x-1-5`).
        shape = self.r.randrange(4)
        if shape == 0:
            model_id = f"{provider}-{self.word()}-{index}"
        elif shape == 1:
            model_id = f"{provider}/{self.word()}-v{index % 7}.{index}"
        elif shape == 2:
            model_id = f"{self.word()}-{self.word()}-{index}-{self.r.choice(['mini', 'pro', 'turbo', 'hd', 'lite'])}"
        else:
            model_id = f"{provider}-{index}" + self.r.choice(["", ".5", "-5", "_5"])
        endpoints = self.r.sample(ENDPOINTS[category], self.r.randint(1, len(ENDPOINTS[category])))
        params = self.table(self.r.randint(2, 6), 1)
        if category == "text":
            params.insert(0, {"name": "messages", "type": "array", "required": True, "description": "The conversation so far.",
                              "items": {"type": "object", "properties": [
                                  {"name": "role", "type": "string", "required": True, "allowed_values": ["system", "user", "assistant", "tool"]},
                                  {"name": "content", "type": "string", "required": True}]}, "min_items": 1})
        taken = set()
        unique = []
        for p in params:
            if p["name"] not in taken:
                taken.add(p["name"])
                unique.append(p)
        model = {
            "id": model_id,
            "name": model_id.replace("-", " ").title(),
            "provider": provider,
            "category": category,
            "description": f"{self.word().title()} model for {category} from {provider}. " + self.description(),
            "input_modalities": self.r.sample(MODALITIES, self.r.randint(1, 3)),
            "output_modalities": self.r.sample(MODALITIES, self.r.randint(1, 2)),
            "supported_endpoints": endpoints,
            "features": self.r.sample(FEATURES, self.r.randint(0, 6)),
            "supports_passthrough": self.r.random() < 0.5,
            "pricing_rows": self.pricing(category),
            "parameters": unique,
        }
        if category == "text":
            model["context_window"] = self.r.choice([8192, 32768, 131072, 1048576])
        return model

    # The next version: varied changes to a few hundred models.
    def mutate(self, model):
        kind = self.r.randrange(12)
        params = model["parameters"]

        def leaves(table, out):
            for p in table:
                out.append(p)
                if "properties" in p:
                    leaves(p["properties"], out)
                if isinstance(p.get("items"), dict) and "properties" in p["items"]:
                    leaves(p["items"]["properties"], out)
            return out
        everything = leaves(params, [])
        pick = lambda pred: next((p for p in self.r.sample(everything, len(everything)) if pred(p)), None)
        if kind == 0 and (p := pick(lambda p: "max" in p)):
            p["max"] = p["max"] / 2 if p["type"] == "number" else max(p.get("min", 0), p["max"] // 2)
            if "default" in p and p["default"] > p["max"]:
                p["default"] = p["max"]
        elif kind == 1 and (p := pick(lambda p: "allowed_values" in p)):
            p["allowed_values"].append("added_in_next")
        elif kind == 2 and (p := pick(lambda p: "allowed_values" in p and len(p["allowed_values"]) > 2 and "default" not in p)):
            p["allowed_values"].pop(0)
        elif kind == 3 and len(params) > 2:
            removed = params.pop(self.r.randrange(1, len(params)))["name"]
            for p in leaves(params, []):  # conditions that named it go too
                if "conditions" in p:
                    p["conditions"] = [c for c in p["conditions"] if removed not in c.get("requires", []) + c.get("excludes", []) + list(c.get("when", {}))]
                    if not p["conditions"]:
                        del p["conditions"]
        elif kind == 4:
            params.append({"name": "added_option", "type": "integer", "min": 1, "max": 8, "description": "New in this version."})
        elif kind == 5 and (p := pick(lambda p: p["type"] in ("integer", "number", "boolean") and "conditions" not in p)):
            p["type"] = "string"
            for key in ("min", "max", "default"):
                p.pop(key, None)
        elif kind == 6 and model["pricing_rows"]:
            row = self.r.choice(model["pricing_rows"])
            row["price_usd"] = round(row["price_usd"] * self.r.choice([0.8, 1.25, 1.1]), 4)
        elif kind == 7 and (p := pick(lambda p: "properties" in p)):
            p["properties"].append({"name": "added_field", "type": "boolean", "default": False})
        elif kind == 8 and (p := pick(lambda p: "default" in p and p["type"] == "boolean")):
            p["default"] = not p["default"]
        elif kind == 9:
            model["description"] += " Updated."
        elif kind == 10 and (p := pick(lambda p: not p.get("required") and "conditions" not in p)):
            p["required"] = True
        else:
            model["features"] = sorted(set(model["features"]) ^ {"batch"})


def main():
    args = sys.argv[1:]
    seed = 25
    if "--seed" in args:
        at = args.index("--seed")
        seed = int(args[at + 1])
        del args[at:at + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    count, old_path, new_path = int(args[0]), args[1], args[2]
    generator = Generator(seed)
    models = [generator.model(index) for index in range(count)]
    with open(old_path, "w") as out:
        json.dump({"object": "list", "data": models}, out)
    # About 1.5% of the models change, 0.5% are removed, 0.5% added.
    changed = json.loads(json.dumps(models))
    for index in generator.r.sample(range(count), max(1, count * 3 // 200)):
        generator.mutate(changed[index])
    removed = set(generator.r.sample(range(count), max(1, count // 200)))
    changed = [m for i, m in enumerate(changed) if i not in removed]
    changed += [generator.model(count + index) for index in range(max(1, count // 200))]
    with open(new_path, "w") as out:
        json.dump({"object": "list", "data": changed}, out)
    print(f"wrote {old_path} ({count} models) and {new_path} ({len(changed)} models)")


if __name__ == "__main__":
    main()
