package app.tandem.common;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest under the master key: the tool's private keys (lti) and the client secrets of saved CASE
 * providers (standards) are stored as JWE compact strings (dir + A256GCM; a fresh IV per value, so the same secret
 * never encrypts to the same text). The AES-256 master key comes from TANDEM_MASTER_KEY (base64 of 32 bytes).
 * Without it — only sensible for a single development server — Tandem creates {@code master.key} in its data
 * directory, readable by its owner only, and warns. A plaintext never appears in a message or a log line.
 */
@ApplicationScoped
public class SecretBox {
    private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());

    @Inject
    Settings settings;

    private volatile SecretKey key;

    public SecretBox() {
    }

    /** A box with a fixed key (tests, tools): 32 bytes. */
    public static SecretBox withKey(byte[] key) {
        SecretBox box = new SecretBox();
        box.key = new SecretKeySpec(checked(key, "the key"), "AES");
        return box;
    }

    public String encrypt(String plaintext) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(plaintext));
            jwe.encrypt(new DirectEncrypter(key()));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt with the master key", e);
        }
    }

    public String decrypt(String jweCompact) {
        try {
            JWEObject jwe = JWEObject.parse(jweCompact);
            jwe.decrypt(new DirectDecrypter(key()));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot decrypt a stored secret: is TANDEM_MASTER_KEY the one it was stored with?", e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(load(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] load() {
        if (settings.masterKey().isPresent()) {
            byte[] bytes = decode(settings.masterKey().get(), "TANDEM_MASTER_KEY");
            return bytes;
        }
        Path file = settings.dataDir().resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            LOG.warning("TANDEM_MASTER_KEY is not set: created " + file + " to encrypt the tool's private keys "
                    + "and saved provider secrets. "
                    + "Set TANDEM_MASTER_KEY on every server in production (docs/operations.md).");
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", e);
        }
        return checked(bytes, source);
    }

    private static byte[] checked(byte[] bytes, String source) {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (256 bits) in base64, e.g. from 'openssl rand -base64 32'");
        }
        return bytes;
    }
}
