import { SuggestionList } from '../components/SuggestionList';

/** The office's and leaders' overview of suggestions from every source. */
export default function SuggestionsPage() {
  return <SuggestionList />;
}
