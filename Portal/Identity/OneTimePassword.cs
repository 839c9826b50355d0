using System.Security.Cryptography;

namespace Portal.Identity;

/// <summary>Passwords the portal makes up: the first administrator's and every reset. Shown once, changed at the next sign-in.</summary>
public static class OneTimePassword
{
    // No 0/O, 1/l/I: the password is read off a screen or a console and typed in by hand.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate()
    {
        var chars = Enumerable.Range(0, 14).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
        return new string(chars) + "a7"; // guarantees a lower-case letter and a digit for the policy
    }
}
