namespace CrossEntropy.Notebooks.Tests;

// One class per numbered notebook: xunit runs classes in parallel, and the trait makes one notebook selectable
// (dotnet test --filter "Notebook=03-softmax-example", or --filter "FullyQualifiedName~Notebook03").

[Trait(Trait, "00-start-here")]
public sealed class Notebook00StartHere() : NotebookTests("00-start-here.ipynb");

[Trait(Trait, "01-entropy")]
public sealed class Notebook01Entropy() : NotebookTests("01-entropy.ipynb");

[Trait(Trait, "02-cross-entropy-and-kl")]
public sealed class Notebook02CrossEntropyAndKL() : NotebookTests("02-cross-entropy-and-kl.ipynb");

[Trait(Trait, "03-softmax-example")]
public sealed class Notebook03SoftmaxExample() : NotebookTests("03-softmax-example.ipynb");

[Trait(Trait, "04-stability-pitfalls")]
public sealed class Notebook04StabilityPitfalls() : NotebookTests("04-stability-pitfalls.ipynb");

[Trait(Trait, "05-training-a-classifier")]
public sealed class Notebook05TrainingAClassifier() : NotebookTests("05-training-a-classifier.ipynb");

[Trait(Trait, "06-cross-entropy-in-practice")]
public sealed class Notebook06CrossEntropyInPractice() : NotebookTests("06-cross-entropy-in-practice.ipynb");

[Trait(Trait, "07-large-vocabularies")]
public sealed class Notebook07LargeVocabularies() : NotebookTests("07-large-vocabularies.ipynb");

[Trait(Trait, "08-cross-entropy-in-modern-training")]
public sealed class Notebook08CrossEntropyInModernTraining() : NotebookTests("08-cross-entropy-in-modern-training.ipynb");

// The Chinese edition (generated from the English, see README "中文版 / Chinese edition"): --filter "Notebook=01-entropy.zh-CN".

[Trait(Trait, "00-start-here.zh-CN")]
public sealed class Notebook00StartHereZhCN() : NotebookTests("00-start-here.zh-CN.ipynb");

[Trait(Trait, "01-entropy.zh-CN")]
public sealed class Notebook01EntropyZhCN() : NotebookTests("01-entropy.zh-CN.ipynb");

[Trait(Trait, "02-cross-entropy-and-kl.zh-CN")]
public sealed class Notebook02CrossEntropyAndKLZhCN() : NotebookTests("02-cross-entropy-and-kl.zh-CN.ipynb");

[Trait(Trait, "03-softmax-example.zh-CN")]
public sealed class Notebook03SoftmaxExampleZhCN() : NotebookTests("03-softmax-example.zh-CN.ipynb");

[Trait(Trait, "04-stability-pitfalls.zh-CN")]
public sealed class Notebook04StabilityPitfallsZhCN() : NotebookTests("04-stability-pitfalls.zh-CN.ipynb");

[Trait(Trait, "05-training-a-classifier.zh-CN")]
public sealed class Notebook05TrainingAClassifierZhCN() : NotebookTests("05-training-a-classifier.zh-CN.ipynb");

[Trait(Trait, "06-cross-entropy-in-practice.zh-CN")]
public sealed class Notebook06CrossEntropyInPracticeZhCN() : NotebookTests("06-cross-entropy-in-practice.zh-CN.ipynb");

[Trait(Trait, "07-large-vocabularies.zh-CN")]
public sealed class Notebook07LargeVocabulariesZhCN() : NotebookTests("07-large-vocabularies.zh-CN.ipynb");

[Trait(Trait, "08-cross-entropy-in-modern-training.zh-CN")]
public sealed class Notebook08CrossEntropyInModernTrainingZhCN() : NotebookTests("08-cross-entropy-in-modern-training.zh-CN.ipynb");
