package dev.newsstream.tagger.sides;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who speaks for which side: people (with aliases, roles, gender), institutions, and world knowledge
 * (country names, demonyms, capitals used as metonyms) from the bundled {@code countries.tsv} plus every
 * ISO country name the JDK knows.
 *
 * <p>Build with {@link #loadDefault()} (bundled resources), {@link #load(Path)} (a user JSON file, format in
 * docs/attribution.md) and {@link #merge(ActorRegistry)} (later entries win). Immutable and thread-safe once
 * built. Name lookups ignore case, diacritics, hyphens and full stops ("Kim Jong-un" = "kim jong un").
 */
public final class ActorRegistry {
    private static final String DEFAULT_REGISTRY = "/dev/newsstream/tagger/sides/default-registry.json";
    private static final String COUNTRIES = "/dev/newsstream/tagger/sides/countries.tsv";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final String FORMAT_HINT = "expected {\"sides\": [{\"code\": \"USA\", \"name\": \"United States\", "
            + "\"aliases\": [...], \"people\": [{\"name\": \"Donald Trump\", \"aliases\": [\"Trump\"], "
            + "\"role\": \"President\", \"gender\": \"m\", \"leader\": true}], "
            + "\"institutions\": [{\"name\": \"The White House\", \"aliases\": [\"White House\"]}]}]}";

    private final Map<String, Actor> actors;          // normalised name or alias -> actor
    private final Map<String, String> places;         // country names, capitals (case-sensitive) -> side
    private final Map<String, String> placeKinds;     // same keys -> "country-name" | "capital"
    private final Map<String, String> demonyms;       // case-sensitive -> side
    private final Map<String, String> sideNames;      // code -> display name
    private final Map<String, List<Actor>> leaders;   // side -> leaders in file order
    private final java.util.Set<String> actorFirstTokens = new java.util.HashSet<>();  // first word of each key
    private final java.util.Set<String> placeFirstWords = new java.util.HashSet<>();   // of places and demonyms

    private ActorRegistry(Map<String, Actor> actors, Map<String, String> places, Map<String, String> placeKinds,
                          Map<String, String> demonyms, Map<String, String> sideNames,
                          Map<String, List<Actor>> leaders) {
        this.actors = Map.copyOf(actors);
        this.places = Map.copyOf(places);
        this.placeKinds = Map.copyOf(placeKinds);
        this.demonyms = Map.copyOf(demonyms);
        this.sideNames = Map.copyOf(sideNames);
        Map<String, List<Actor>> l = new HashMap<>();
        leaders.forEach((k, v) -> l.put(k, List.copyOf(v)));
        this.leaders = Map.copyOf(l);
        for (String k : this.actors.keySet()) {
            actorFirstTokens.add(firstToken(k));
        }
        actorFirstTokens.add("");
        for (String k : this.places.keySet()) {
            placeFirstWords.add(k.split(" ")[0]);
            placeFirstWords.add(firstToken(k));
        }
        for (String k : this.demonyms.keySet()) {
            placeFirstWords.add(k.split(" ")[0]);
            placeFirstWords.add(firstToken(k));
        }
    }

    private static String firstToken(String s) {
        int sp = s.indexOf(' ');
        String t = sp < 0 ? s : s.substring(0, sp);
        int ap = t.indexOf('\'');   // "people's liberation army" may be looked up from the word "People"
        return ap > 0 ? t.substring(0, ap) : t;
    }

    /**
     * False when no registry name or alias starts with this word, so a phrase starting with it need not be
     * looked up (a fast pre-check for callers that try every sub-phrase).
     */
    public boolean mayStartActor(String word) {
        return actorFirstTokens.contains(firstToken(key(word)));
    }

    /** False when no country, capital or demonym starts with this word as written (or without a final "."). */
    public boolean mayStartPlace(String word) {
        return placeFirstWords.contains(word)
                || word.endsWith(".") && placeFirstWords.contains(word.substring(0, word.length() - 1));
    }

    /** The bundled world knowledge and default registry of well-known leaders, officials and institutions. */
    public static ActorRegistry loadDefault() {
        try (InputStream in = ActorRegistry.class.getResourceAsStream(DEFAULT_REGISTRY)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + DEFAULT_REGISTRY + " is missing");
            }
            RegistryFile file = parse(in, "classpath:" + DEFAULT_REGISTRY);
            return build(file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_REGISTRY, e);
        }
    }

    /**
     * A registry from a user JSON file (no world knowledge of its own: merge it into {@link #loadDefault()}).
     *
     * @throws IllegalArgumentException naming the file, line, column, field and the expected format
     */
    public static ActorRegistry load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return build(parse(in, file.toString()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses registry JSON from a string (tests, configuration embedded elsewhere); {@code source} names it. */
    public static ActorRegistry parse(String json, String source) {
        return build(parse(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), source), false);
    }

    private static RegistryFile parse(InputStream in, String source) {
        try {
            RegistryFile f = JSON.readValue(in, RegistryFile.class);
            if (f == null) {
                throw new IllegalArgumentException("registry file " + source + " is empty; " + FORMAT_HINT);
            }
            return f;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String field = e instanceof JsonMappingException m ? " at " + path(m) : "";
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String msg = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("registry file " + source + ":" + where + field + ": " + msg
                    + "; " + FORMAT_HINT, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry file " + source, e);
        }
    }

    /** The field path as a reader writes it: {@code sides[0].people[2].name}. */
    private static String path(JsonMappingException m) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "(top level)" : b.toString();
    }

    private static ActorRegistry build(RegistryFile file, boolean withWorld) {
        Map<String, Actor> actors = new HashMap<>();
        Map<String, String> places = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        Map<String, String> demonyms = new HashMap<>();
        Map<String, String> sideNames = new LinkedHashMap<>();
        Map<String, List<Actor>> leaders = new LinkedHashMap<>();
        if (withWorld) {
            loadWorld(places, kinds, demonyms, sideNames);
        }
        for (RegistryFile.SideEntry s : file.sides()) {
            sideNames.put(s.code(), s.name());
            for (String a : s.aliases()) {
                places.put(a, s.code());
                kinds.put(a, "country-name");
            }
            for (RegistryFile.PersonEntry p : s.people()) {
                Actor actor = new Actor(p.name(), s.code(), p.role(), p.gender(), false, p.leader(), p.terms());
                actors.put(key(p.name()), actor);
                for (String a : p.aliases()) {
                    actors.putIfAbsent(key(a), actor); // the first person claiming a bare surname keeps it
                }
                if (p.leader()) {
                    leaders.computeIfAbsent(s.code(), k -> new ArrayList<>()).add(actor);
                }
            }
            for (RegistryFile.InstitutionEntry i : s.institutions()) {
                Actor actor = new Actor(i.name(), s.code(), null, null, true, false);
                actors.put(key(i.name()), actor);
                for (String a : i.aliases()) {
                    actors.put(key(a), actor);
                }
            }
        }
        return new ActorRegistry(actors, places, kinds, demonyms, sideNames, leaders);
    }

    private static void loadWorld(Map<String, String> places, Map<String, String> kinds,
                                  Map<String, String> demonyms, Map<String, String> sideNames) {
        // every ISO country in English first, so the hand-written table below can override and extend it
        for (String iso2 : Locale.getISOCountries()) {
            Locale l = new Locale("", iso2);
            try {
                String name = l.getDisplayCountry(Locale.ENGLISH);
                String code = l.getISO3Country();
                if (!name.isEmpty() && !code.isEmpty()) {
                    places.put(name, code);
                    kinds.put(name, "country-name");
                    sideNames.putIfAbsent(code, name);
                }
            } catch (java.util.MissingResourceException ignored) {
                // a code without an alpha-3 form: nothing to add
            }
        }
        try (InputStream in = ActorRegistry.class.getResourceAsStream(COUNTRIES)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + COUNTRIES + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 2) {
                    throw new IllegalStateException(COUNTRIES + " line " + n
                            + ": expected code<TAB>names<TAB>demonyms<TAB>capitals");
                }
                String code = f[0].trim();
                String[] names = f[1].split(";");
                sideNames.put(code, names[0].trim());
                for (String name : names) {
                    if (!name.isBlank()) {
                        places.put(name.trim(), code);
                        kinds.put(name.trim(), "country-name");
                    }
                }
                if (f.length > 2) {
                    for (String d : f[2].split(";")) {
                        if (!d.isBlank()) {
                            demonyms.put(d.trim(), code);
                        }
                    }
                }
                if (f.length > 3) {
                    for (String c : f[3].split(";")) {
                        if (!c.isBlank()) {
                            places.put(c.trim(), code);
                            kinds.put(c.trim(), "capital");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COUNTRIES, e);
        }
    }

    /** A registry with this one's entries, then {@code other}'s on top (other wins on the same name). */
    public ActorRegistry merge(ActorRegistry other) {
        Map<String, Actor> a = new HashMap<>(actors);
        a.putAll(other.actors);
        Map<String, String> p = new HashMap<>(places);
        p.putAll(other.places);
        Map<String, String> k = new HashMap<>(placeKinds);
        k.putAll(other.placeKinds);
        Map<String, String> d = new HashMap<>(demonyms);
        d.putAll(other.demonyms);
        Map<String, String> s = new LinkedHashMap<>(sideNames);
        s.putAll(other.sideNames);
        Map<String, List<Actor>> l = new LinkedHashMap<>();
        leaders.forEach((key, v) -> l.put(key, new ArrayList<>(v)));
        other.leaders.forEach((key, v) -> l.computeIfAbsent(key, x -> new ArrayList<>()).addAll(0, v));
        return new ActorRegistry(a, p, k, d, s, l);
    }

    /** Lookup key: lower case, no diacritics, hyphens and full stops as spaces, single spaces. */
    public static String key(String name) {
        // hot path (called for every candidate phrase): one pass, no regex, Normalizer only for non-ASCII
        String s = name;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
                break;
            }
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '.' || Character.isWhitespace(c)) {
                if (!space) {
                    b.append(' ');
                    space = true;
                }
            } else {
                b.append(c == '’' ? '\'' : Character.toLowerCase(c));
                space = false;
            }
        }
        int len = b.length();
        if (len > 0 && b.charAt(len - 1) == ' ') {
            b.setLength(len - 1);
        }
        if (b.length() > 4 && b.charAt(0) == 't' && b.charAt(1) == 'h' && b.charAt(2) == 'e' && b.charAt(3) == ' ') {
            b.delete(0, 4);
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

    /** A person or institution by canonical name or alias. */
    public Optional<Actor> actor(String name) {
        return Optional.ofNullable(actors.get(key(name)));
    }

    /** The side of a country name or capital as written (case-sensitive: "US" is not "us"). */
    public Optional<String> place(String name) {
        return Optional.ofNullable(places.get(name));
    }

    /** "country-name" or "capital" for a {@link #place} hit. */
    public String placeKind(String name) {
        return placeKinds.getOrDefault(name, "country-name");
    }

    public Optional<String> demonym(String word) {
        return Optional.ofNullable(demonyms.get(word));
    }

    /** The side's display name ("United States"), or the code itself. */
    public String sideName(String code) {
        return sideNames.getOrDefault(code, code);
    }

    /**
     * The one leader of {@code side} whose role's words include {@code titleWord} (or any leader when it is
     * null) and who held it on {@code date} (ISO yyyy-MM-dd); null when the date is unknown, nobody's terms
     * cover it, or more than one person's do. Never a guess: "the British prime minister" with no date stays
     * unresolved.
     */
    public Actor holder(String side, String titleWord, String date) {
        if (date == null) {
            return null;
        }
        Actor found = null;
        for (Actor a : leaders(side)) {
            if (titleWord != null && (a.role() == null
                    || !a.role().toLowerCase(java.util.Locale.ROOT).contains(titleWord))) {
                continue;
            }
            if (a.heldOn(date)) {
                if (found != null && !found.name().equals(a.name())) {
                    return null;
                }
                found = a;
            }
        }
        return found;
    }

    /** The side's heads of state or government, most relevant first (a user file's entries lead). */
    public List<Actor> leaders(String side) {
        return leaders.getOrDefault(side, List.of());
    }
}
