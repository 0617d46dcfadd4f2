package io.rulescope.ingest.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Credentials for private repositories, from the environment or from files mounted into the container; never from
 * the source list, so they cannot leak through pages, logs or {@code /api/ingest}. Each variable may be suffixed with
 * a source's name ({@code RULESCOPE_GIT_TOKEN_SIGMA}) to apply to that source only.
 *
 * <ul>
 * <li>https: {@code RULESCOPE_GIT_TOKEN}, or {@code RULESCOPE_GIT_TOKEN_FILE} naming a file that holds it; the user
 * name is {@code RULESCOPE_GIT_USERNAME} (default {@code x-access-token}, which GitHub and Gitea accept; GitLab wants
 * {@code oauth2}).
 * <li>ssh ({@code ssh://}, {@code git@host:path}): {@code RULESCOPE_GIT_SSH_KEY} naming a private key file (no
 * passphrase), and {@code RULESCOPE_GIT_SSH_KNOWN_HOSTS} naming the known_hosts file the server must be in.
 * </ul>
 */
public final class GitCredentials {

    static final String TOKEN = "RULESCOPE_GIT_TOKEN";
    static final String TOKEN_FILE = "RULESCOPE_GIT_TOKEN_FILE";
    static final String USERNAME = "RULESCOPE_GIT_USERNAME";
    static final String SSH_KEY = "RULESCOPE_GIT_SSH_KEY";
    static final String SSH_KNOWN_HOSTS = "RULESCOPE_GIT_SSH_KNOWN_HOSTS";

    private final Function<String, String> env;

    GitCredentials(Function<String, String> env) {
        this.env = env;
    }

    public static GitCredentials fromEnvironment() {
        return new GitCredentials(System::getenv);
    }

    /** The variable for this source if set, else the general one. */
    String lookup(String variable, String source) {
        String specific = specific(variable, source);
        return specific != null ? specific : value(variable);
    }

    private String specific(String variable, String source) {
        return value(variable + "_" + source.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }

    private String value(String variable) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The https token for a source: its own token or token file first, then the general ones; null when none is set.
     */
    String token(String source) {
        String token = specific(TOKEN, source);
        String file = specific(TOKEN_FILE, source);
        if (token == null && file == null) {
            token = value(TOKEN);
            file = value(TOKEN_FILE);
        }
        if (token != null) {
            return token;
        }
        if (file == null) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            return lines.isEmpty() || lines.get(0).isBlank() ? null : lines.get(0).strip();
        } catch (IOException e) {
            // Say which variable and that the file could not be read; never anything of its content.
            throw new IllegalStateException(TOKEN_FILE + " names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Sets up a clone or fetch of {@code source}: the token for https remotes, the key for ssh ones. The returned
     * handle closes the ssh session factory, if one was made.
     */
    AutoCloseable apply(TransportCommand<?, ?> command, String source) {
        String token = token(source);
        if (token != null) {
            String user = lookup(USERNAME, source);
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user == null ? "x-access-token" : user, token));
        }
        String key = lookup(SSH_KEY, source);
        if (key == null) {
            return () -> { };
        }
        Path keyFile = Path.of(key);
        String knownHosts = lookup(SSH_KNOWN_HOSTS, source);
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(keyFile.toAbsolutePath().getParent().toFile())
                .setSshDirectory(keyFile.toAbsolutePath().getParent().toFile())
                .setDefaultIdentities(dir -> List.of(keyFile));
        if (knownHosts != null) {
            builder.setDefaultKnownHostsFiles(dir -> List.of(Path.of(knownHosts)));
        }
        SshdSessionFactory factory = builder.build(null);
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(factory);
            }
        });
        return factory::close;
    }
}
