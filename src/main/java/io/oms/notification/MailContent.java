package io.oms.notification;

import java.util.List;

/**
 * A mail as a person reads it: a subject and blocks of text. It is written once per notice kind
 * ({@link NoticeMails}) and rendered here twice, as plain text and as HTML, so both always say the same; every
 * piece of text is HTML-escaped in one place, so no renderer can forget it.
 */
public record MailContent(String subject, List<Block> blocks) {

    public sealed interface Block permits Paragraph, Items, Link {}

    public record Paragraph(String text) implements Block {}

    /** A bulleted list, each item one line. */
    public record Items(List<String> items) implements Block {}

    public record Link(String label, String url) implements Block {}

    public String text() {
        StringBuilder text = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Paragraph p) {
                text.append(p.text()).append("\n\n");
            } else if (block instanceof Items list) {
                list.items().forEach(item -> text.append("  - ").append(item).append('\n'));
                text.append('\n');
            } else if (block instanceof Link link) {
                text.append(link.label()).append(": ").append(link.url()).append("\n\n");
            }
        }
        return text.toString().stripTrailing() + "\n";
    }

    public String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject))
                .append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.4\">\n");
        for (Block block : blocks) {
            if (block instanceof Paragraph p) {
                html.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (block instanceof Items list) {
                html.append("<ul>\n");
                list.items()
                        .forEach(
                                item -> html.append("<li>").append(escape(item)).append("</li>\n"));
                html.append("</ul>\n");
            } else if (block instanceof Link link) {
                html.append("<p><a href=\"")
                        .append(escape(link.url()))
                        .append("\">")
                        .append(escape(link.label()))
                        .append("</a></p>\n");
            }
        }
        return html.append("</body></html>\n").toString();
    }

    /** Text as HTML element content or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
