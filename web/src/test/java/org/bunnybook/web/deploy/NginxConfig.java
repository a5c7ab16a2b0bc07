package org.bunnybook.web.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * nginx's configuration syntax, read into directives: a name, its arguments, and the block that follows it (if
 * any). Enough to check what a configuration says; a file it cannot read (an unbalanced brace, a directive without
 * its semicolon) is refused with the line, as {@code nginx -t} would refuse it.
 */
record NginxConfig(List<Directive> directives) {

    record Directive(String name, List<String> args, List<Directive> block, int line) {

        Stream<Directive> all(String directive) {
            return block == null ? Stream.empty() : block.stream().filter(child -> child.name().equals(directive));
        }
    }

    static NginxConfig parse(String text) {
        Tokens tokens = new Tokens(text);
        List<Directive> top = block(tokens, false);
        return new NginxConfig(top);
    }

    Stream<Directive> all(String directive) {
        return directives.stream().filter(child -> child.name().equals(directive));
    }

    private static List<Directive> block(Tokens tokens, boolean nested) {
        List<Directive> directives = new ArrayList<>();
        for (Token token = tokens.next(); token != null; token = tokens.next()) {
            if (token.text().equals("}")) {
                if (!nested) {
                    throw new IllegalArgumentException("line " + token.line() + ": '}' closes no block");
                }
                return directives;
            }
            if (token.text().equals("{") || token.text().equals(";")) {
                throw new IllegalArgumentException("line " + token.line() + ": '" + token.text() + "' names nothing");
            }
            List<String> args = new ArrayList<>();
            for (Token arg = tokens.next(); ; arg = tokens.next()) {
                if (arg == null) {
                    throw new IllegalArgumentException("line " + token.line() + ": " + token.text()
                            + " ends without ';' or a block");
                }
                if (arg.text().equals(";")) {
                    directives.add(new Directive(token.text(), args, null, token.line()));
                    break;
                }
                if (arg.text().equals("{")) {
                    directives.add(new Directive(token.text(), args, block(tokens, true), token.line()));
                    break;
                }
                if (arg.text().equals("}")) {
                    throw new IllegalArgumentException("line " + arg.line() + ": " + token.text() + " lacks its ';'");
                }
                args.add(arg.text());
            }
        }
        if (nested) {
            throw new IllegalArgumentException("a block is not closed before the end");
        }
        return directives;
    }

    private record Token(String text, int line) {
    }

    /** Words, quoted strings (quotes removed), braces and semicolons; comments run from '#' to the line's end. */
    private static final class Tokens {
        private final String text;
        private int at;
        private int line = 1;

        Tokens(String text) {
            this.text = text;
        }

        Token next() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\n') {
                    line++;
                    at++;
                } else if (Character.isWhitespace(c)) {
                    at++;
                } else if (c == '#') {
                    while (at < text.length() && text.charAt(at) != '\n') {
                        at++;
                    }
                } else if (c == '{' || c == '}' || c == ';') {
                    at++;
                    return new Token(String.valueOf(c), line);
                } else if (c == '"' || c == '\'') {
                    int end = text.indexOf(c, at + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("line " + line + ": a quote is not closed");
                    }
                    String quoted = text.substring(at + 1, end);
                    at = end + 1;
                    return new Token(quoted, line);
                } else {
                    int start = at;
                    while (at < text.length() && !Character.isWhitespace(text.charAt(at))
                            && "{};".indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                    return new Token(text.substring(start, at), line);
                }
            }
            return null;
        }
    }
}
