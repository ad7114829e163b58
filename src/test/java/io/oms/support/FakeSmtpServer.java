package io.oms.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A minimal SMTP server for tests: speaks enough of RFC 5321 (EHLO, MAIL, RCPT, DATA, QUIT) for a real
 * client to deliver, and keeps what it received.
 */
public final class FakeSmtpServer implements AutoCloseable {

    public record Received(List<String> recipients, String data) {}

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile Predicate<String> refused = recipient -> false;

    public FakeSmtpServer(int port) {
        try {
            socket = new ServerSocket(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "fake-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public List<Received> received() {
        return received;
    }

    /** The mails received for {@code recipient}. */
    public List<Received> to(String recipient) {
        return received.stream()
                .filter(mail -> mail.recipients().contains(recipient))
                .toList();
    }

    /** Answers RCPT for these recipients with a temporary failure (451), as a busy or greylisting server does. */
    public void refuse(Predicate<String> recipients) {
        this.refused = recipients;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                serve(client);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 fake-smtp ready");
        List<String> recipients = new CopyOnWriteArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 fake-smtp");
            } else if (command.startsWith("MAIL FROM")) {
                recipients.clear();
                reply(out, "250 OK");
            } else if (command.startsWith("RCPT TO")) {
                String recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                if (refused.test(recipient)) {
                    reply(out, "451 4.3.0 try again later");
                } else {
                    recipients.add(recipient);
                    reply(out, "250 OK");
                }
            } else if (command.startsWith("DATA")) {
                reply(out, "354 end with <CRLF>.<CRLF>");
                StringBuilder data = new StringBuilder();
                String dataLine;
                while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                    data.append(dataLine).append('\n');
                }
                received.add(new Received(List.copyOf(recipients), data.toString()));
                reply(out, "250 OK queued");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
