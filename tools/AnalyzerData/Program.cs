using System.IO.Compression;
using System.Text;
using Portal.Indexing.Analysis;

// AnalyzerData JIEBA_DICT_UTF8 OUT_TRIE_GZ — parses jieba's dictionary with the same code the analyzer used to run at
// start-up (Latin lower-cased, folded variants added) and writes the trie image the analyzer loads.
if (args.Length != 2) { Console.Error.WriteLine("usage: AnalyzerData jieba.dict.utf8 out/jieba.trie.gz"); return 2; }
var normalizer = new TextNormalizer(EmbeddedData.ReadText(EmbeddedData.TsCharacters), EmbeddedData.ReadText(EmbeddedData.TsPhrases));
var dict = new WordDictionary(capacityBits: 21);
dict.LoadJieba(File.ReadAllText(args[0], Encoding.UTF8), normalizer);
using (var f = File.Create(args[1]))
using (var gz = new GZipStream(f, CompressionLevel.SmallestSize))
    dict.WriteBinary(gz);
Console.WriteLine($"{args[1]}: {dict.NodeCount} nodes, total {dict.Total}, {new FileInfo(args[1]).Length} bytes");
return 0;
